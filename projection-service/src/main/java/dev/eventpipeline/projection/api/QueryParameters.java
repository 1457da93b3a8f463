package dev.eventpipeline.projection.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.model.Timestamps;
import dev.eventpipeline.model.Violation;
import dev.eventpipeline.projection.EventCursor;

/**
 * Reads query parameters and collects every problem, so one 400 response names them all.
 * Call {@link #validate()} after reading.
 */
final class QueryParameters {

    static final String INVALID_TIMESTAMP = "invalid_timestamp";
    static final String INVALID_NUMBER = "invalid_number";
    static final String OUT_OF_RANGE = "out_of_range";
    static final String INVALID_JSON = "invalid_json";
    static final String INVALID_CURSOR = "invalid_cursor";
    static final String INVALID_VALUE = "invalid_value";
    static final String MISSING = "missing_parameter";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<Violation> errors = new ArrayList<>();

    /** An RFC 3339 timestamp, or {@code null} when absent. */
    Instant timestamp(String field, String value) {
        if (absent(value)) {
            return null;
        }
        try {
            return Timestamps.parse(value);
        } catch (DateTimeException e) {
            return refuse(INVALID_TIMESTAMP, field, field + " must be an RFC 3339 timestamp with seconds: " + e.getMessage());
        }
    }

    /** A page size: {@code fallback} when absent, at most {@code cap} (a larger value is lowered to the cap). */
    int limit(String value, int fallback, int cap) {
        Long limit = number("limit", value);
        if (limit == null) {
            return fallback;
        }
        if (limit < 1) {
            refuse(OUT_OF_RANGE, "limit", "limit must be at least 1 (and at most " + cap + "); got " + value);
            return fallback;
        }
        return (int) Math.min(limit, cap);
    }

    /** A whole number of at least {@code min}, or {@code fallback} when absent. */
    long atLeast(String field, String value, long min, long fallback) {
        Long number = number(field, value);
        if (number == null) {
            return fallback;
        }
        if (number < min) {
            refuse(OUT_OF_RANGE, field, field + " must be at least " + min + "; got " + value);
            return fallback;
        }
        return number;
    }

    /** Text that must be present. */
    String required(String field, String value) {
        if (absent(value)) {
            return refuse(MISSING, field, field + " is required");
        }
        return value;
    }

    /** Text, or {@code null} when absent. */
    String optional(String value) {
        return absent(value) ? null : value;
    }

    /** One of the allowed words, or {@code fallback} when absent. */
    String oneOf(String field, String value, Set<String> allowed, String fallback) {
        if (absent(value)) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            return refuse(INVALID_VALUE, field, field + " must be one of " + allowed + "; got '" + value + "'");
        }
        return value;
    }

    /** A JSON document as given (PostgreSQL reads it, so no digit is lost), or {@code null} when absent. */
    String json(String field, String value) {
        if (absent(value)) {
            return null;
        }
        try {
            JSON.readTree(value);
            return value;
        } catch (JsonProcessingException e) {
            return refuse(INVALID_JSON, field, field + " must be a JSON value such as {\"action\":\"opened\"}: "
                    + e.getOriginalMessage());
        }
    }

    /** A cursor from the {@code next} of an earlier page, or {@code null} when absent. */
    EventCursor cursor(String field, String value) {
        if (absent(value)) {
            return null;
        }
        return EventCursor.decode(value).orElseGet(() -> refuse(INVALID_CURSOR, field,
                field + " must be the 'next' value of an earlier page, unchanged"));
    }

    /** Requires {@code from} before {@code to} when both are given. */
    void ordered(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            refuse(OUT_OF_RANGE, "to", "to must be after from");
        }
    }

    /** @throws InvalidQueryException naming every parameter refused so far */
    void validate() {
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
    }

    private Long number(String field, String value) {
        if (absent(value)) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return refuse(INVALID_NUMBER, field, field + " must be a whole number; got '" + value + "'");
        }
    }

    private <T> T refuse(String code, String field, String message) {
        errors.add(new Violation(code, field, message));
        return null;
    }

    private static boolean absent(String value) {
        return value == null || value.isEmpty();
    }
}
