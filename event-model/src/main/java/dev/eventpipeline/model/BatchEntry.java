package dev.eventpipeline.model;

import java.util.List;

/**
 * One element of a batch: either a valid event or the reasons it is not one.
 *
 * @param event the event, or {@code null} when it is invalid
 * @param violations why the element was refused; empty when it is valid
 * @param id the element's {@code id}: the event's, or for an invalid element its {@code id} attribute when that is a
 *        string, so that a producer can tell which of its events was refused; otherwise {@code null}
 * @param source likewise the element's {@code source}
 */
public record BatchEntry(Event event, List<Violation> violations, String id, String source) {

    static BatchEntry valid(Event event) {
        return new BatchEntry(event, List.of(), event.id(), event.source());
    }

    static BatchEntry invalid(List<Violation> violations, String id, String source) {
        return new BatchEntry(null, List.copyOf(violations), id, source);
    }

    public boolean isValid() {
        return event != null;
    }
}
