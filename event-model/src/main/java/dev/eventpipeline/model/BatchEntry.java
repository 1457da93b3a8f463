package dev.eventpipeline.model;

import java.util.List;

/**
 * One element of a batch: either a valid event or the reasons it is not one.
 *
 * @param event the event, or {@code null} when it is invalid
 * @param violations why the element was refused; empty when it is valid
 */
public record BatchEntry(Event event, List<Violation> violations) {

    static BatchEntry valid(Event event) {
        return new BatchEntry(event, List.of());
    }

    static BatchEntry invalid(List<Violation> violations) {
        return new BatchEntry(null, List.copyOf(violations));
    }

    public boolean isValid() {
        return event != null;
    }
}
