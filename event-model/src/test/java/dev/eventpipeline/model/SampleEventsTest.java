package dev.eventpipeline.model;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleEventsTest {

    @Test
    void everyRecordedEvent_shouldValidateAndRoundTripByteForByte() {
        List<String> lines = SampleEvents.lines();
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Event event = Envelopes.parseStructured(SampleEvents.envelope(line));
            StoredEvent back = RoundTrips.throughThePipeline(event, i + 1);
            if (!line.equals(back.event().data()) || !event.equals(back.event()) || back.sequence() != i + 1) {
                failures.add("line " + (i + 1) + " (id " + event.id() + ")");
            }
        }

        assertThat(lines).hasSize(7702);
        assertThat(failures).isEmpty();
    }
}
