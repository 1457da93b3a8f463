package dev.eventpipeline.bench.ingest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.EventItem;
import dev.eventpipeline.model.EventTables;
import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.model.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The baseline: the DynamoDB calls of one append, straight from the SDK, with no framework around them. Two consistent
 * reads (deduplication record, stream head) and one {@code TransactWriteItems} with the same three conditional puts the
 * ingest function writes. No retries: the benchmark drives each stream from one thread.
 */
final class RawAppend {

    private final DynamoDbClient dynamoDb;
    private final String eventsTable;
    private final String dedupTable;

    RawAppend(DynamoDbClient dynamoDb, String eventsTable, String dedupTable) {
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
        this.dedupTable = dedupTable;
    }

    /** Appends the event and returns its sequence. */
    long append(Event event) {
        read(EventTables.dedupKey(event.source(), event.id()));
        Map<String, AttributeValue> head = read(EventTables.streamHeadKey(event.subject()));
        long last = head.isEmpty() ? 0 : Long.parseLong(head.get("lastSequence").n());
        StoredEvent stored = event.stored(last + 1, Instant.now());
        dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(put(eventsTable, EventItem.toItem(stored), "attribute_not_exists(subject)", Map.of()),
                        put(dedupTable, dedupItem(stored), "attribute_not_exists(pk)", Map.of()),
                        put(dedupTable, headItem(stored), last == 0 ? "attribute_not_exists(pk)" : "lastSequence = :last",
                                last == 0 ? Map.of() : Map.of(":last", AttributeValue.fromN(Long.toString(last)))))
                .build());
        return stored.sequence();
    }

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        return dynamoDb.getItem(GetItemRequest.builder()
                .tableName(dedupTable)
                .key(key)
                .consistentRead(true)
                .build())
                .item();
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition,
            Map<String, AttributeValue> values) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression(condition)
                        .expressionAttributeValues(values.isEmpty() ? null : values)
                        .build())
                .build();
    }

    private static Map<String, AttributeValue> dedupItem(StoredEvent stored) {
        Map<String, AttributeValue> item = new HashMap<>(EventTables.dedupKey(stored.event().source(), stored.id()));
        item.put("subject", AttributeValue.fromS(stored.subject()));
        item.put("sequence", AttributeValue.fromN(Long.toString(stored.sequence())));
        item.put("receivedAt", AttributeValue.fromS(Timestamps.format(stored.receivedAt())));
        item.put("digest", AttributeValue.fromS(stored.event().digest()));
        return item;
    }

    private static Map<String, AttributeValue> headItem(StoredEvent stored) {
        Map<String, AttributeValue> item = new HashMap<>(EventTables.streamHeadKey(stored.subject()));
        item.put("lastSequence", AttributeValue.fromN(Long.toString(stored.sequence())));
        return item;
    }
}
