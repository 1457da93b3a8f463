package dev.eventpipeline.projection.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refused queries into problem documents. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return Problem.badRequest(e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e) {
        return Problem.notFound(e.getMessage());
    }
}
