package dev.eventpipeline.bench.streamprocessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.model.DynamoDbJson;
import dev.eventpipeline.model.EventItem;
import dev.eventpipeline.model.EventTables;
import dev.eventpipeline.model.StoredEvent;

/**
 * The invocation payloads Lambda would send for these events' INSERT records: batches of {@value #BATCH_SIZE}, the
 * DynamoDB event source mapping's default batch size.
 */
final class StreamEventPayloads {

    static final int BATCH_SIZE = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StreamEventPayloads() {
    }

    static List<byte[]> of(List<StoredEvent> events) {
        List<byte[]> payloads = new ArrayList<>();
        for (int first = 0; first < events.size(); first += BATCH_SIZE) {
            payloads.add(payload(events.subList(first, Math.min(first + BATCH_SIZE, events.size())), first));
        }
        return payloads;
    }

    private static byte[] payload(List<StoredEvent> events, int firstIndex) {
        ObjectNode payload = MAPPER.createObjectNode();
        ArrayNode records = payload.putArray("Records");
        for (int i = 0; i < events.size(); i++) {
            records.add(insert(events.get(i), firstIndex + i));
        }
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode insert(StoredEvent stored, int index) {
        ObjectNode record = MAPPER.createObjectNode()
                .put("eventID", "bench-" + index)
                .put("eventName", "INSERT")
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", "us-east-1");
        ObjectNode dynamodb = record.putObject("dynamodb")
                .put("ApproximateCreationDateTime", new BigDecimal("1764584131.523"));
        dynamodb.set("Keys", tree(DynamoDbJson.writeItem(EventTables.eventKey(stored.subject(), stored.sequence()))));
        dynamodb.set("NewImage", tree(DynamoDbJson.writeItem(EventItem.toItem(stored))));
        dynamodb.put("SequenceNumber", Long.toString(100_000_000_000_000_000L + index))
                .put("StreamViewType", "NEW_IMAGE");
        return record;
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
