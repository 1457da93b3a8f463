package dev.eventpipeline.ingest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.eventpipeline.model.Violation;

/**
 * The answer for one event of a batch, at the event's index in the request.
 *
 * @param status the HTTP status the event would have got alone: 201, 200, 400, 409, 413 or 503
 * @param outcome {@code accepted}, {@code duplicate} or {@code rejected}
 * @param id CloudEvents {@code id}; for an invalid event its {@code id} attribute if that is a string, else absent
 * @param source CloudEvents {@code source}; for an invalid event likewise
 * @param subject the stream; absent when the event could not be read
 * @param sequence the event's position in its stream (the original's for a duplicate); absent when rejected
 * @param receivedAt when ingest accepted the event (the original, for a duplicate); absent when rejected
 * @param errors why the event was rejected; absent otherwise
 * @param currentSequence for an {@code expectedsequence} mismatch: the stream's last sequence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResult(int status, String outcome, String id, String source, String subject, Long sequence,
        String receivedAt, List<Violation> errors, Long currentSequence) {

    /** This result with the element's id and source where it has none of its own (an event that could not be read). */
    BatchResult namedBy(String elementId, String elementSource) {
        return id != null ? this
                : new BatchResult(status, outcome, elementId, elementSource, subject, sequence, receivedAt, errors,
                        currentSequence);
    }
}
