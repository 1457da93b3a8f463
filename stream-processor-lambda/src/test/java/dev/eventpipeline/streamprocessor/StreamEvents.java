package dev.eventpipeline.streamprocessor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.model.DynamoDbJson;
import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.EventItem;
import dev.eventpipeline.model.EventTables;
import dev.eventpipeline.model.StoredEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * DynamoDB Streams events in the JSON form Lambda's event source mapping invokes the function with, built from stored
 * events or read from the fixtures in {@code src/test/resources/events}.
 */
final class StreamEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/events/stream/2026-12-01T00:00:00.000";
    /** DynamoDB Streams sequence numbers are decimal strings of about 21 digits, rising within a shard. */
    private static final AtomicLong SEQUENCE_NUMBERS = new AtomicLong(300_000_000_000_000_000L);

    private StreamEvents() {
    }

    /** A fixture file's text. */
    static String fixture(String name) {
        try (InputStream in = StreamEvents.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored event with JSON {@code data}, received now. */
    static StoredEvent stored(String subject, long sequence, String type, String data) {
        Event event = new Event(UUID.randomUUID().toString(), "https://github.com/eventpipeline/tests", type, subject,
                Instant.parse("2026-12-01T10:15:30Z"), null, null, data, Map.of(), null);
        return event.stored(sequence, Instant.now());
    }

    /** The INSERT record DynamoDB Streams writes when ingest puts this event's item. */
    static ObjectNode insert(StoredEvent stored) {
        Map<String, AttributeValue> item = EventItem.toItem(stored);
        return record(UUID.randomUUID().toString().replace("-", ""), "INSERT", nextSequenceNumber(), Instant.now(),
                EventTables.eventKey(stored.subject(), stored.sequence()), item);
    }

    /**
     * A record in Lambda's form: no {@code userIdentity} (only TTL removals carry one), creation time in fractional
     * seconds.
     */
    static ObjectNode record(String eventId, String eventName, String sequenceNumber, Instant created,
            Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage) {
        ObjectNode record = MAPPER.createObjectNode()
                .put("eventID", eventId)
                .put("eventName", eventName)
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", "us-east-1");
        ObjectNode dynamodb = record.putObject("dynamodb")
                .put("ApproximateCreationDateTime", epochSeconds(created));
        dynamodb.set("Keys", json(DynamoDbJson.writeItem(keys)));
        if (newImage != null) {
            dynamodb.set("NewImage", json(DynamoDbJson.writeItem(newImage)));
        }
        dynamodb.put("SequenceNumber", sequenceNumber)
                .put("SizeBytes", 256)
                .put("StreamViewType", "NEW_IMAGE");
        record.put("eventSourceARN", STREAM_ARN);
        return record;
    }

    /**
     * A record read with the DynamoDB Streams API ({@code GetRecords}) in the form Lambda hands it to the function: the
     * same fields, plus {@code eventSourceARN}.
     */
    static ObjectNode fromStreamsApi(Record record) {
        var dynamodb = record.dynamodb();
        return record(record.eventID(), record.eventNameAsString(), dynamodb.sequenceNumber(),
                dynamodb.approximateCreationDateTime(), dynamodb.keys(),
                dynamodb.hasNewImage() ? dynamodb.newImage() : null);
    }

    /** The invocation payload holding these records. */
    static String event(List<ObjectNode> records) {
        ObjectNode event = MAPPER.createObjectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(array::add);
        return event.toString();
    }

    static String sequenceNumber(ObjectNode record) {
        return record.path("dynamodb").path("SequenceNumber").asText();
    }

    static String nextSequenceNumber() {
        return Long.toString(SEQUENCE_NUMBERS.incrementAndGet()) + "000";
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
