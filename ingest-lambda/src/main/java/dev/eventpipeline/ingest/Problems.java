package dev.eventpipeline.ingest;

import java.util.List;

import dev.eventpipeline.ingest.store.AppendThrottledException;
import dev.eventpipeline.ingest.store.DuplicateEventConflictException;
import dev.eventpipeline.ingest.store.ExpectedSequenceMismatchException;
import dev.eventpipeline.ingest.store.StreamContentionException;
import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.Violation;
import dev.eventpipeline.model.ViolationCode;

/**
 * The problem answers of this API, one per failure mode. Their {@code type} URIs and error codes are stable.
 */
final class Problems {

    /** Error code of a {@code source} + {@code id} stored before with other content. */
    static final String DUPLICATE_ID = "duplicate_id";
    /** Error code of an {@code expectedsequence} that is not the stream's last sequence. */
    static final String SEQUENCE_MISMATCH = "sequence_mismatch";
    /** Error code of an append that lost to concurrent appends on every attempt. */
    static final String STREAM_CONTENTION = "stream_contention";
    /** Error code of an append DynamoDB kept throttling. */
    static final String THROTTLED = "throttled";
    /** Error code of an append DynamoDB could not be reached for. */
    static final String UNAVAILABLE = "unavailable";
    /** Error code of a failure inside this service. */
    static final String INTERNAL = "internal_error";
    /** Error code of a request with an unsupported content type. */
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    /** Error code of a request over a size or count limit. */
    static final String REQUEST_TOO_LARGE = "request_too_large";

    private Problems() {
    }

    static Problem invalidEvent(List<Violation> violations) {
        boolean tooLarge = violations.stream().anyMatch(v -> v.code().equals(ViolationCode.EVENT_TOO_LARGE));
        if (tooLarge) {
            return Problem.of("event-too-large", "Event too large", 413,
                    "the event is larger than the pipeline carries; nothing was stored", violations);
        }
        return Problem.of("invalid-event", "Invalid event", 400,
                "the event breaks " + violations.size() + " rule(s) of the envelope; nothing was stored", violations);
    }

    static Problem unsupportedContentType(UnsupportedContentTypeException e) {
        return Problem.of("unsupported-media-type", "Unsupported media type", 415, e.getMessage(),
                List.of(new Violation(UNSUPPORTED_MEDIA_TYPE, "Content-Type", e.getMessage())));
    }

    static Problem requestTooLarge(RequestTooLargeException e) {
        return Problem.of("request-too-large", "Request too large", 413, e.getMessage(),
                List.of(new Violation(REQUEST_TOO_LARGE, "", e.getMessage())));
    }

    static Problem duplicateConflict(DuplicateEventConflictException e) {
        return Problem.of("duplicate-id-conflict", "Same source and id, different content", 409, e.getMessage(),
                List.of(new Violation(DUPLICATE_ID, "id", e.getMessage())));
    }

    static Problem sequenceMismatch(ExpectedSequenceMismatchException e) {
        return Problem.of("expected-sequence-mismatch", "Stream is not at the expected sequence", 409, e.getMessage(),
                List.of(new Violation(SEQUENCE_MISMATCH, Envelopes.EXPECTED_SEQUENCE, e.getMessage())))
                .withCurrentSequence(e.currentSequence());
    }

    static Problem contention(StreamContentionException e) {
        return Problem.of("stream-contention", "Stream busy", 503, e.getMessage(),
                List.of(new Violation(STREAM_CONTENTION, "subject", e.getMessage())));
    }

    static Problem throttled(AppendThrottledException e) {
        return Problem.of("throttled", "Storage throttled", 503, e.getMessage(),
                List.of(new Violation(THROTTLED, "", e.getMessage())));
    }

    static Problem unavailable(String detail) {
        return Problem.of("storage-unavailable", "Storage unavailable", 503, detail,
                List.of(new Violation(UNAVAILABLE, "", detail)));
    }

    static Problem internal(String detail) {
        return Problem.of("internal-error", "Internal error", 500, detail,
                List.of(new Violation(INTERNAL, "", detail)));
    }

    static Problem http(int status, String title, String detail) {
        return Problem.of("http-" + status, title, status, detail, List.of());
    }
}
