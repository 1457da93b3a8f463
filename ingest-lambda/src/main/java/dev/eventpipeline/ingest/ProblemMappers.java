package dev.eventpipeline.ingest;

import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.eventpipeline.model.InvalidEventException;

/**
 * Answers every request that fails before an event could be appended with problem JSON, so that no failure leaves
 * this service as a bare 500 or an HTML page. Failures of an append itself never get here: {@link EventIngest} turns
 * them into outcomes.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String STARTED = ProblemMappers.class.getName() + ".started";

    /** Notes when the request arrived, so the outcome line of a refused request can say how long it took. */
    @ServerRequestFilter(preMatching = true)
    public void noteStart(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerExceptionMapper
    public Response invalidEvent(InvalidEventException e, ContainerRequestContext request) {
        return refuse(Problems.invalidEvent(e.violations()), request);
    }

    @ServerExceptionMapper
    public Response unsupportedContentType(UnsupportedContentTypeException e, ContainerRequestContext request) {
        return refuse(Problems.unsupportedContentType(e), request);
    }

    @ServerExceptionMapper
    public Response requestTooLarge(RequestTooLargeException e, ContainerRequestContext request) {
        return refuse(Problems.requestTooLarge(e), request);
    }

    /** Routing and protocol errors of the framework: unknown path (404), wrong method (405) and the like. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, ContainerRequestContext request) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return refuse(Problems.http(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()), request);
    }

    /** Anything unforeseen: logged once with its stack, answered without internals. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, ContainerRequestContext request) {
        LOG.errorf(e, "request failed: method=%s path=%s latencyMs=%d", request.getMethod(),
                request.getUriInfo().getPath(), latencyMillis(request));
        return problem(Problems.internal("the request failed inside the ingest service; nothing was stored"));
    }

    private static Response refuse(Problem problem, ContainerRequestContext request) {
        RequestLog.request(problem, latencyMillis(request));
        return problem(problem);
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static long latencyMillis(ContainerRequestContext request) {
        Object started = request.getProperty(STARTED);
        return started instanceof Long nanos ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos) : -1;
    }
}
