package dev.eventpipeline.model;

/**
 * One reason an event was refused: a stable machine-readable {@code code}, the envelope {@code field} it concerns
 * (a CloudEvents attribute name, {@code data}, or the empty string for the event as a whole) and a {@code message}
 * that tells the producer what to change.
 *
 * @param code stable identifier of the rule that failed, one of the constants of {@link ViolationCode}
 * @param field the attribute the rule concerns
 * @param message what is wrong and what to send instead
 */
public record Violation(String code, String field, String message) {
}
