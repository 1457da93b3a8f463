package dev.eventpipeline.ingest.store;

import java.time.Instant;

import dev.eventpipeline.model.StoredEvent;

/**
 * What an append did with an event: stored it now, or recognised it as a resend of an event stored before.
 *
 * @param id CloudEvents {@code id} of the event
 * @param source CloudEvents {@code source} of the event
 * @param subject the stream the event belongs to
 * @param sequence the event's position in its stream; for a duplicate, the original's
 * @param receivedAt when ingest accepted the event; for a duplicate, when it accepted the original
 * @param duplicate {@code true} when the event was stored before and nothing was written now
 */
public record AppendResult(String id, String source, String subject, long sequence, Instant receivedAt,
        boolean duplicate) {

    static AppendResult appended(StoredEvent stored) {
        return new AppendResult(stored.id(), stored.event().source(), stored.subject(), stored.sequence(),
                stored.receivedAt(), false);
    }
}
