package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One table: its definition and its items, partitions in key order and items of a partition in sort key order. Guarded
 * by the {@link Database} lock; stored items are never modified, only replaced.
 */
public final class Table {

    final String name;
    final KeySchema keySchema;
    final String region;
    final String arn;
    final String tableId;
    final long createdMillis;
    String billingMode;
    ObjectNode provisionedThroughput;
    String streamViewType;
    DynamoDbStream stream;
    String ttlAttribute;
    private final NavigableMap<AttributeKey, NavigableMap<AttributeKey, ObjectNode>> partitions = new TreeMap<>();
    private long itemCount;
    private long sizeBytes;

    Table(String name, KeySchema keySchema, String region, String tableId, long createdMillis) {
        this.name = name;
        this.keySchema = keySchema;
        this.region = region;
        this.arn = "arn:aws:dynamodb:" + region + ":000000000000:table/" + name;
        this.tableId = tableId;
        this.createdMillis = createdMillis;
    }

    /** The stored item with this key, or {@code null}. */
    ObjectNode get(ItemKey key) {
        NavigableMap<AttributeKey, ObjectNode> partition = partitions.get(key.partition());
        return partition == null ? null : partition.get(key.sort());
    }

    /** Stores (or, with {@code null}, deletes) the item under its key. */
    void store(ItemKey key, ObjectNode item) {
        ObjectNode old = item == null ? remove(key)
                : partitions.computeIfAbsent(key.partition(), p -> new TreeMap<>())
                        .put(key.sort(), item);
        if (old != null) {
            itemCount--;
            sizeBytes -= AttributeValues.itemSize(old);
        }
        if (item != null) {
            itemCount++;
            sizeBytes += AttributeValues.itemSize(item);
        }
    }

    private ObjectNode remove(ItemKey key) {
        NavigableMap<AttributeKey, ObjectNode> partition = partitions.get(key.partition());
        if (partition == null) {
            return null;
        }
        ObjectNode old = partition.remove(key.sort());
        if (partition.isEmpty()) {
            partitions.remove(key.partition());
        }
        return old;
    }

    /** The items of one partition in sort key order. */
    NavigableMap<AttributeKey, ObjectNode> partition(AttributeKey partitionKey) {
        return partitions.getOrDefault(partitionKey, new TreeMap<>());
    }

    /** All partitions in key order, for Scan. */
    NavigableMap<AttributeKey, NavigableMap<AttributeKey, ObjectNode>> partitions() {
        return partitions;
    }

    /** Whether the table currently writes stream records. */
    boolean streamEnabled() {
        return stream != null && stream.enabled();
    }

    long itemCount() {
        return itemCount;
    }

    /** {@code TableDescription} as CreateTable, DescribeTable and DeleteTable return it. */
    ObjectNode describe(String status) {
        ObjectNode description = Json.object();
        description.set("AttributeDefinitions", keySchema.attributeDefinitionsJson());
        description.put("TableName", name);
        description.set("KeySchema", keySchema.keySchemaJson());
        description.put("TableStatus", status);
        description.put("CreationDateTime", createdMillis / 1000.0);
        description.set("ProvisionedThroughput", provisionedThroughput.deepCopy().put("NumberOfDecreasesToday", 0));
        description.put("TableSizeBytes", sizeBytes);
        description.put("ItemCount", itemCount);
        description.put("TableArn", arn);
        description.put("TableId", tableId);
        description.putObject("BillingModeSummary").put("BillingMode", billingMode);
        describeStream(description);
        description.put("DeletionProtectionEnabled", false);
        return description;
    }

    private void describeStream(ObjectNode description) {
        if (streamEnabled()) {
            description.putObject("StreamSpecification")
                    .put("StreamEnabled", true)
                    .put("StreamViewType", streamViewType);
        }
        if (stream != null) {
            description.put("LatestStreamLabel", stream.label());
            description.put("LatestStreamArn", stream.arn());
        }
    }

    /** Visits every item, for the TTL sweep and the data directory snapshot. */
    void forEachItem(BiConsumer<ItemKey, ObjectNode> visitor) {
        for (Map.Entry<AttributeKey, NavigableMap<AttributeKey, ObjectNode>> partition : partitions.entrySet()) {
            partition.getValue().forEach((sort, item) -> visitor.accept(new ItemKey(partition.getKey(), sort), item));
        }
    }
}
