package dev.eventpipeline.projection;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * An event as the projection holds it.
 *
 * @param subject the stream
 * @param sequence its position in the stream
 * @param id CloudEvents {@code id}
 * @param source CloudEvents {@code source}
 * @param type CloudEvents {@code type}
 * @param time CloudEvents {@code time}, or {@code null} when the producer sent none
 * @param receivedAt when ingest accepted the event
 * @param projectedAt when the projection committed it
 * @param data the JSON value exactly as the producer sent it (key order, digits), or {@code null}; written into API
 *        responses as JSON, not as a string
 */
public record ProjectedEvent(
        String subject,
        long sequence,
        String id,
        String source,
        String type,
        Instant time,
        Instant receivedAt,
        Instant projectedAt,
        @JsonRawValue String data) {
}
