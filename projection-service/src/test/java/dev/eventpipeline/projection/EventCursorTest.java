package dev.eventpipeline.projection;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EventCursorTest {

    /**
     * Regression: an event with a time before 1677 or after 2262 (ingest accepts years 0000 to 9999) made every
     * {@code GET /events} page that ended on it answer 500, because the cursor counted nanoseconds.
     */
    @ParameterizedTest
    @ValueSource(strings = { "0000-01-01T00:00:00Z", "1677-09-21T00:12:43Z", "1969-12-31T23:59:59.999999Z",
            "2015-01-01T00:00:00.123456Z", "2262-04-12T00:00:00Z", "9999-12-31T23:59:59.999999Z" })
    void encode_shouldRoundTrip_forEveryTimeAnEventMayCarry(String time) {
        EventCursor cursor = new EventCursor(Instant.parse(time), "octo/cat", 7);

        assertThat(EventCursor.decode(cursor.encode())).contains(cursor);
    }
}
