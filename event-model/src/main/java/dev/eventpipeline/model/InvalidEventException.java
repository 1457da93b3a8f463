package dev.eventpipeline.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when an event breaks one or more envelope rules. Carries every violation found, not only the first, so that a
 * producer can fix its event in one round trip.
 */
public class InvalidEventException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidEventException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidEventException(Violation violation) {
        this(List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return violations.stream()
                .map(v -> (v.field().isEmpty() ? "" : v.field() + ": ") + v.message() + " [" + v.code() + "]")
                .collect(Collectors.joining("; "));
    }
}
