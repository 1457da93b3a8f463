package dev.eventpipeline.projection;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.eventpipeline.model.StoredEvent;

import static org.assertj.core.api.Assertions.assertThat;

class StreamOrderTest {

    @Test
    void decide_shouldProjectInSequenceOrder_whenBatchArrivesShuffled() {
        // GIVEN
        List<StoredEvent> events = List.of(TestEvents.stored("s", 3, "/t"), TestEvents.stored("s", 1, "/t"),
                TestEvents.stored("s", 2, "/t"));

        // WHEN
        List<Outcome> outcomes = StreamOrder.decide(events, Map.of());

        // THEN
        assertThat(outcomes).containsExactly(Outcome.PROJECTED, Outcome.PROJECTED, Outcome.PROJECTED);
    }

    @Test
    void decide_shouldHoldEverythingAfterGap_whenSequenceIsMissing() {
        // GIVEN stream s is at 1, and 2 is missing
        List<StoredEvent> events = List.of(TestEvents.stored("s", 3, "/t"), TestEvents.stored("s", 4, "/t"),
                TestEvents.stored("other", 1, "/t"));

        // WHEN
        List<Outcome> outcomes = StreamOrder.decide(events, Map.of("s", 1L));

        // THEN only the other stream moves
        assertThat(outcomes).containsExactly(Outcome.HELD, Outcome.HELD, Outcome.PROJECTED);
    }

    @Test
    void decide_shouldIgnoreRedelivery_whenStreamIsPastSequence() {
        // GIVEN
        List<StoredEvent> events = List.of(TestEvents.stored("s", 2, "/t"), TestEvents.stored("s", 3, "/t"),
                TestEvents.stored("s", 3, "/t"));

        // WHEN
        List<Outcome> outcomes = StreamOrder.decide(events, Map.of("s", 2L));

        // THEN the second copy of 3 in the same batch is a duplicate too
        assertThat(outcomes).containsExactly(Outcome.DUPLICATE, Outcome.PROJECTED, Outcome.DUPLICATE);
    }
}
