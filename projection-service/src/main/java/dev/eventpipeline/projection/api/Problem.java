package dev.eventpipeline.projection.api;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.eventpipeline.model.Violation;

/**
 * An RFC 7807 problem document, with the {@code errors} member listing each bad parameter.
 *
 * @param type a URI naming the kind of problem
 * @param title what went wrong, for humans, the same for every problem of this type
 * @param status the HTTP status
 * @param detail what went wrong this time
 * @param errors each parameter that was refused, with a stable code
 */
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    /** The media type of problem documents (RFC 7807). */
    public static final String MEDIA_TYPE = "application/problem+json";

    static Response badRequest(String detail, List<Violation> errors) {
        return respond(new Problem("/problems/invalid-query", "Invalid query parameters", 400, detail, errors));
    }

    static Response notFound(String detail) {
        return respond(new Problem("/problems/not-found", "Not found", 404, detail, List.of()));
    }

    static Response unavailable(String detail) {
        return respond(new Problem("/problems/unavailable", "Service unavailable", 503, detail, List.of()));
    }

    /** Any other refusal of the HTTP layer (unknown path, method not allowed, media type not offered). */
    static Response http(int status, String title, String detail) {
        return respond(new Problem("/problems/http-" + status, title, status, detail, List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(problem)
                .build();
    }
}
