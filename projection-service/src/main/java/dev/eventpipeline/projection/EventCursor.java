package dev.eventpipeline.projection;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The position after the last event of a page of {@code GET /events}: the event's time, stream and sequence, which
 * together are unique and never change. Clients get it as an opaque string and must not build one.
 */
public record EventCursor(Instant eventTime, String stream, long sequence) {

    private static final String VERSION = "1";
    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** The opaque text of this cursor. */
    public String encode() {
        String plain = VERSION + "|" + micros(eventTime) + "|" + sequence + "|" + stream;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Microseconds since the epoch, PostgreSQL's precision, for every time an event may carry (years 0000 to 9999).
     * {@code ChronoUnit.MICROS.between} would go through nanoseconds, which overflow before 1677 and after 2262.
     */
    private static long micros(Instant time) {
        return time.getEpochSecond() * MICROS_PER_SECOND + time.getNano() / 1000;
    }

    /** Reads a cursor that {@link #encode()} wrote, or nothing when the text is not one. */
    public static Optional<EventCursor> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 4);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            long micros = Long.parseLong(parts[1]);
            Instant eventTime = Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                    Math.floorMod(micros, MICROS_PER_SECOND) * 1000L);
            return Optional.of(new EventCursor(eventTime, parts[3], Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
