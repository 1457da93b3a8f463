package dev.eventpipeline.projection;

import java.util.List;

/**
 * What one committed batch did.
 *
 * @param outcomes the outcome of each event, in the order given
 * @param inserted how many rows the event log gained; fewer than the {@link Outcome#PROJECTED} events when an event
 *        with the same {@code source} and {@code id} was already stored under another stream or sequence
 */
public record ProjectedBatch(List<Outcome> outcomes, int inserted) {

    public long count(Outcome outcome) {
        return outcomes.stream().filter(outcome::equals).count();
    }
}
