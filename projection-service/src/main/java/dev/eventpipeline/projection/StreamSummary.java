package dev.eventpipeline.projection;

import java.time.Instant;

/**
 * A stream as projected so far.
 *
 * @param subject the stream
 * @param lastSequence the last sequence applied; every sequence up to it is in the event log
 * @param eventCount events in the event log for this stream
 * @param firstTime the time of its first event ({@code time}, or when ingest received it)
 * @param lastTime the time of its last event
 * @param lastType the {@code type} of its last event
 */
public record StreamSummary(
        String subject,
        long lastSequence,
        long eventCount,
        Instant firstTime,
        Instant lastTime,
        String lastType) {
}
