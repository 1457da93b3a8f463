package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One DynamoDB stream of a table, with a single shard that holds every record in commit order. A stream that is turned
 * off (UpdateTable, DeleteTable) keeps its records readable and its shard gets an ending sequence number.
 */
public final class DynamoDbStream {

    /** One stream record: its stream, position, creation time and its wire form. */
    record StreamRecord(String streamArn, long position, long createdMillis, ObjectNode json) {
    }

    private final String arn;
    private final String tableName;
    private final String label;
    private final String viewType;
    private final KeySchema keySchema;
    private final long createdMillis;
    private final String shardId;
    private final long startPosition;
    private final List<StreamRecord> records = new ArrayList<>();
    private boolean enabled = true;
    private long lastPosition;
    private long trimmedThrough = -1;

    DynamoDbStream(String arn, String tableName, String label, String viewType, KeySchema keySchema, long createdMillis,
            String shardId, long startPosition) {
        this.arn = arn;
        this.tableName = tableName;
        this.label = label;
        this.viewType = viewType;
        this.keySchema = keySchema;
        this.createdMillis = createdMillis;
        this.shardId = shardId;
        this.startPosition = startPosition;
        this.lastPosition = startPosition - 1;
    }

    /** The position the shard's first record has or will have. */
    long startPosition() {
        return startPosition;
    }

    String arn() {
        return arn;
    }

    String tableName() {
        return tableName;
    }

    String label() {
        return label;
    }

    String viewType() {
        return viewType;
    }

    KeySchema keySchema() {
        return keySchema;
    }

    long createdMillis() {
        return createdMillis;
    }

    String shardId() {
        return shardId;
    }

    boolean enabled() {
        return enabled;
    }

    void disable() {
        enabled = false;
    }

    void append(StreamRecord record) {
        records.add(record);
        lastPosition = record.position();
    }

    /** The position of the newest record, or -1. */
    long lastPosition() {
        return lastPosition;
    }

    /** Positions at or below this were trimmed after the retention period. */
    long trimmedThrough() {
        return trimmedThrough;
    }

    /** Drops records older than the retention period, as the service trims its 24-hour log. */
    void trim(long oldestKeptMillis) {
        int drop = 0;
        while (drop < records.size() && records.get(drop).createdMillis() < oldestKeptMillis) {
            drop++;
        }
        if (drop > 0) {
            trimmedThrough = records.get(drop - 1).position();
            records.subList(0, drop).clear();
        }
    }

    /** Up to {@code limit} records after the position. */
    List<StreamRecord> after(long position, int limit) {
        int low = 0;
        int high = records.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (records.get(middle).position() <= position) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return List.copyOf(records.subList(low, Math.min(records.size(), low + limit)));
    }

    List<StreamRecord> records() {
        return records;
    }
}
