package dev.eventpipeline.ingest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.eventpipeline.model.Violation;

/**
 * An error answer in the RFC 7807 problem details format ({@code application/problem+json}), with the list of
 * violations that made a request or an event fail.
 *
 * @param type a URI naming the kind of problem; stable, producers may branch on it
 * @param title a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what happened to this request or event and what the producer can do
 * @param errors each reason, with its stable code and the attribute it concerns; may be empty
 * @param currentSequence for an {@code expectedsequence} mismatch: the stream's last sequence, otherwise absent
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7807">RFC 7807</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> errors,
        Long currentSequence) {

    /** The media type of a problem answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_PREFIX = "urn:event-pipeline:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static Problem of(String kind, String title, int status, String detail, List<Violation> errors) {
        return new Problem(TYPE_PREFIX + kind, title, status, detail, errors, null);
    }

    Problem withCurrentSequence(long sequence) {
        return new Problem(type, title, status, detail, errors, sequence);
    }
}
