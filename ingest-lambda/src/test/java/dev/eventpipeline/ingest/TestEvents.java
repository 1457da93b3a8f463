package dev.eventpipeline.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.eventpipeline.model.EventItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Structured-mode events as producers write them, built as JSON text so that each test controls every character, and
 * reads of what the ingest function stored.
 */
final class TestEvents {

    static final String SOURCE = "/tests/ingest";
    static final String TYPE = "dev.eventpipeline.test.OrderPlaced";

    private TestEvents() {
    }

    /** A subject no other test uses, so each test starts on an empty stream. */
    static String newSubject() {
        return "orders/" + UUID.randomUUID();
    }

    static Builder event(String subject) {
        return new Builder(subject);
    }

    /** The events stored for a subject, in sequence order, as DynamoDB items. */
    static List<Map<String, AttributeValue>> stored(String subject) {
        try (DynamoDbClient client = LocalDynamoDbResource.client()) {
            return client.query(QueryRequest.builder()
                    .tableName(LocalDynamoDbResource.EVENTS_TABLE)
                    .keyConditionExpression("#subject = :subject")
                    .expressionAttributeNames(Map.of("#subject", EventItem.SUBJECT))
                    .expressionAttributeValues(Map.of(":subject", AttributeValue.fromS(subject)))
                    .consistentRead(true)
                    .build())
                    .items();
        }
    }

    /** The sequences stored for a subject, in order. */
    static List<Long> storedSequences(String subject) {
        return stored(subject).stream()
                .map(item -> Long.parseLong(item.get(EventItem.SEQUENCE).n()))
                .toList();
    }

    /** An event in structured mode; attributes are given as raw JSON values. */
    static final class Builder {

        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder(String subject) {
            attributes.put("specversion", "\"1.0\"");
            attributes.put("id", quoted(UUID.randomUUID().toString()));
            attributes.put("source", quoted(SOURCE));
            attributes.put("type", quoted(TYPE));
            attributes.put("subject", quoted(subject));
            attributes.put("data", "{\"total\":12.50,\"currency\":\"EUR\"}");
        }

        Builder id(String id) {
            return with("id", quoted(id));
        }

        Builder data(String rawJson) {
            return with("data", rawJson);
        }

        /** Sets an attribute to a raw JSON value, e.g. {@code "\"text\""} or {@code "42"}. */
        Builder with(String name, String rawJson) {
            attributes.put(name, rawJson);
            return this;
        }

        Builder without(String name) {
            attributes.remove(name);
            return this;
        }

        String json() {
            return attributes.entrySet().stream()
                    .map(attribute -> quoted(attribute.getKey()) + ":" + attribute.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }
    }

    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String batch(String... events) {
        return String.join(",", events).transform(joined -> "[" + joined + "]");
    }
}
