package dev.eventpipeline.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The path of an event through the stored forms: envelope, DynamoDB item, DynamoDB Streams record as Lambda
 * delivers it, SQS message, and back to an envelope.
 */
final class RoundTrips {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RoundTrips() {
    }

    static StoredEvent throughThePipeline(Event event, long sequence) {
        StoredEvent stored = event.stored(sequence, Instant.parse("2025-01-01T00:00:00.123Z"));

        String lambdaEvent = StreamRecords.event(StreamRecords.insert(EventItem.toItem(stored), "100000000000000000001"));
        StoredEvent fromStream = EventItem.fromItem(DynamoDbJson.readItem(newImage(lambdaEvent)));

        SendMessageBatchRequestEntry entry = EventMessage.entry("0", fromStream);
        Message received = Message.builder()
                .body(entry.messageBody())
                .messageAttributes(entry.messageAttributes())
                .build();
        return EventMessage.read(received);
    }

    private static JsonNode newImage(String lambdaEvent) {
        try {
            return MAPPER.readTree(lambdaEvent).get("Records").get(0).get("dynamodb").get("NewImage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
