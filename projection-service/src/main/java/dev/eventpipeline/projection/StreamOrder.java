package dev.eventpipeline.projection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.eventpipeline.model.StoredEvent;

/**
 * Decides, for a batch of stored events, which ones advance their stream: only the exact next sequence does, so each
 * stream is applied in order and without gaps whatever order the messages arrived in.
 */
public final class StreamOrder {

    private StreamOrder() {
    }

    /**
     * The outcome of each event, in the order given.
     *
     * @param events the batch, in any order, possibly with the same event more than once
     * @param lastSequences the last projected sequence of each stream; a stream not in the map has none yet
     */
    public static List<Outcome> decide(List<StoredEvent> events, Map<String, Long> lastSequences) {
        Map<String, Long> last = new HashMap<>(lastSequences);
        Map<String, Boolean> held = new HashMap<>();
        Outcome[] outcomes = new Outcome[events.size()];
        for (int index : inStreamOrder(events)) {
            outcomes[index] = decide(events.get(index), last, held);
        }
        return List.of(outcomes);
    }

    private static Outcome decide(StoredEvent event, Map<String, Long> last, Map<String, Boolean> held) {
        long lastSequence = last.getOrDefault(event.subject(), 0L);
        if (event.sequence() <= lastSequence) {
            return Outcome.DUPLICATE;
        }
        if (event.sequence() != lastSequence + 1 || held.containsKey(event.subject())) {
            held.put(event.subject(), Boolean.TRUE);
            return Outcome.HELD;
        }
        last.put(event.subject(), event.sequence());
        return Outcome.PROJECTED;
    }

    private static List<Integer> inStreamOrder(List<StoredEvent> events) {
        List<Integer> indexes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            indexes.add(i);
        }
        indexes.sort(Comparator.<Integer, String> comparing(i -> events.get(i).subject())
                .thenComparingLong(i -> events.get(i).sequence()));
        return indexes;
    }
}
