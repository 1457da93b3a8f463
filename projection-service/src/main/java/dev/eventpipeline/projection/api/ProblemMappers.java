package dev.eventpipeline.projection.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import software.amazon.awssdk.core.exception.SdkException;

/** Turns refused queries and unavailable dependencies into problem documents. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException e) {
        return Problem.badRequest(e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e) {
        return Problem.notFound(e.getMessage());
    }

    /**
     * What the REST layer itself refuses (404 for an unknown path under a resource, 405, 406, 415), as problem JSON
     * like every other error of this API instead of the framework's empty or HTML bodies.
     */
    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Problem.http(status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
    }

    /** SQS unreachable (only {@code /stats/lag} asks it): the caller may retry; readiness reports it too. */
    @ServerExceptionMapper
    public Response queueUnavailable(SdkException e) {
        LOG.warnf("SQS did not answer: %s", e.getMessage());
        return Problem.unavailable("The projection queue did not answer; retry later");
    }
}
