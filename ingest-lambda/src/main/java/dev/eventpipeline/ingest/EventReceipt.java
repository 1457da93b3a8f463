package dev.eventpipeline.ingest;

import dev.eventpipeline.ingest.store.AppendResult;
import dev.eventpipeline.model.Timestamps;

/**
 * The answer to a stored event (201) or a resend of one (200): where the event is in its stream.
 *
 * @param id CloudEvents {@code id}
 * @param source CloudEvents {@code source}
 * @param subject the stream
 * @param sequence the event's position in its stream, from 1
 * @param receivedAt when ingest accepted the event (the original, for a resend), RFC 3339 UTC
 */
public record EventReceipt(String id, String source, String subject, long sequence, String receivedAt) {

    static EventReceipt of(AppendResult result) {
        return new EventReceipt(result.id(), result.source(), result.subject(), result.sequence(),
                Timestamps.format(result.receivedAt()));
    }
}
