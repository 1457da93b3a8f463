package dev.eventpipeline.projection;

import java.time.Instant;

/**
 * The filters and page of {@code GET /events}. Every filter is optional ({@code null}).
 *
 * @param type events of this {@code type}
 * @param source events of this {@code source}
 * @param subject events of this stream
 * @param from events at or after this time ({@code time}, or when ingest received the event)
 * @param to events before this time
 * @param data a JSON value the event's {@code data} must contain (PostgreSQL {@code @>})
 * @param descending newest first instead of oldest first
 * @param after the position after which the page starts
 * @param limit the page size
 */
public record EventQuery(
        String type,
        String source,
        String subject,
        Instant from,
        Instant to,
        String data,
        boolean descending,
        EventCursor after,
        int limit) {
}
