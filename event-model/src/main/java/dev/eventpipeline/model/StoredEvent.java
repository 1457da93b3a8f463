package dev.eventpipeline.model;

import java.time.Instant;

/**
 * An event as the pipeline stored it: the producer's {@link Event} plus what ingest assigned.
 *
 * @param event the event as sent
 * @param sequence its position in the stream of its {@code subject}: 1, 2, 3, ... without gaps
 * @param receivedAt when ingest accepted it, in UTC
 */
public record StoredEvent(Event event, long sequence, Instant receivedAt) {

    public String subject() {
        return event.subject();
    }

    public String id() {
        return event.id();
    }
}
