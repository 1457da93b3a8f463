package dev.eventpipeline.ingest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.eventpipeline.ingest.store.AppendResult;
import dev.eventpipeline.model.Event;

/**
 * What became of one event: stored, recognised as a resend, or rejected with a problem. The single-event endpoint
 * answers it as a response, the batch endpoint as one {@link BatchResult}.
 *
 * @param event the event as read, or {@code null} when it could not be read
 * @param result where it was stored, or {@code null} when rejected
 * @param problem why it was rejected, or {@code null} when stored
 * @param retryAfterSeconds for a 503: when the producer should send it again; otherwise {@code null}
 * @param failure the exception behind a 5xx, for the one log line of this outcome; otherwise {@code null}
 */
record Outcome(Event event, AppendResult result, Problem problem, Integer retryAfterSeconds, Throwable failure) {

    static final String ACCEPTED = "accepted";
    static final String DUPLICATE = "duplicate";
    static final String REJECTED = "rejected";

    static Outcome stored(Event event, AppendResult result) {
        return new Outcome(event, result, null, null, null);
    }

    static Outcome rejected(Event event, Problem problem) {
        return new Outcome(event, null, problem, null, null);
    }

    static Outcome retryLater(Event event, Problem problem, int retryAfterSeconds, Throwable failure) {
        return new Outcome(event, null, problem, retryAfterSeconds, failure);
    }

    static Outcome failed(Event event, Problem problem, Throwable failure) {
        return new Outcome(event, null, problem, null, failure);
    }

    int status() {
        if (result != null) {
            return result.duplicate() ? 200 : 201;
        }
        return problem.status();
    }

    String name() {
        if (result != null) {
            return result.duplicate() ? DUPLICATE : ACCEPTED;
        }
        return REJECTED;
    }

    Response toResponse() {
        if (result != null) {
            return Response.status(status()).entity(EventReceipt.of(result)).build();
        }
        Response.ResponseBuilder response = Response.status(status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (retryAfterSeconds != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return response.build();
    }

    BatchResult toBatchResult() {
        if (result != null) {
            EventReceipt receipt = EventReceipt.of(result);
            return new BatchResult(status(), name(), receipt.id(), receipt.source(), receipt.subject(),
                    receipt.sequence(), receipt.receivedAt(), null, null);
        }
        return new BatchResult(status(), name(), event == null ? null : event.id(),
                event == null ? null : event.source(), event == null ? null : event.subject(), null, null,
                problem.errors(), problem.currentSequence());
    }
}
