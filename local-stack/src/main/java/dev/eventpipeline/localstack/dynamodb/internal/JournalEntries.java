package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.DynamoDbStream.StreamRecord;

/** The JSON lines of the data directory journal, written and read back. */
final class JournalEntries {

    private JournalEntries() {
    }

    static ObjectNode table(Table table) {
        ObjectNode entry = Json.object().put("op", "table");
        entry.put("name", table.name)
                .put("region", table.region)
                .put("tableId", table.tableId)
                .put("created", table.createdMillis)
                .put("billingMode", table.billingMode)
                .put("streamViewType", table.streamViewType)
                .put("streamArn", table.stream == null ? null : table.stream.arn())
                .put("ttlAttribute", table.ttlAttribute);
        entry.set("keySchema", table.keySchema.keySchemaJson());
        entry.set("attributeDefinitions", table.keySchema.attributeDefinitionsJson());
        entry.set("provisionedThroughput", table.provisionedThroughput);
        return entry;
    }

    static ObjectNode stream(DynamoDbStream stream) {
        ObjectNode entry = Json.object().put("op", "stream");
        entry.put("arn", stream.arn())
                .put("table", stream.tableName())
                .put("label", stream.label())
                .put("viewType", stream.viewType())
                .put("created", stream.createdMillis())
                .put("shardId", stream.shardId())
                .put("start", stream.startPosition())
                .put("enabled", stream.enabled());
        entry.set("keySchema", stream.keySchema().keySchemaJson());
        entry.set("attributeDefinitions", stream.keySchema().attributeDefinitionsJson());
        return entry;
    }

    static ObjectNode write(Table table, ItemKey key, ObjectNode newItem, ObjectNode oldItem) {
        ObjectNode entry = Json.object().put("table", table.name);
        if (newItem != null) {
            entry.set("item", newItem);
        } else {
            entry.set("key", table.keySchema.keyAttributes(oldItem));
        }
        return entry;
    }

    static ObjectNode record(StreamRecord record) {
        ObjectNode entry = Json.object()
                .put("stream", record.streamArn())
                .put("position", record.position())
                .put("created", record.createdMillis());
        entry.set("record", record.json());
        return entry;
    }

    /** The entries that rebuild the current state: streams, tables, items, then stream records. */
    static List<JsonNode> snapshot(Database database) {
        List<JsonNode> entries = new ArrayList<>();
        database.streams().values().forEach(stream -> entries.add(stream(stream)));
        for (Table table : database.tables().values()) {
            entries.add(table(table));
            table.forEachItem((key, item) -> entries.add(Json.object().put("op", "commit")
                    .set("writes", Json.array().add(write(table, key, item, null)))));
        }
        for (DynamoDbStream stream : database.streams().values()) {
            for (StreamRecord record : stream.records()) {
                entries.add(Json.object().put("op", "commit").set("records", Json.array().add(record(record))));
            }
        }
        return entries;
    }

    static void apply(ObjectNode entry, Database database) {
        switch (entry.path("op").asText()) {
            case "table" -> applyTable(entry, database);
            case "drop" -> database.tables().remove(entry.path("name").asText());
            case "stream" -> applyStream(entry, database);
            case "commit" -> applyCommit(entry, database);
            default -> throw new IllegalStateException("unknown data directory entry: " + entry.path("op"));
        }
    }

    private static void applyTable(ObjectNode entry, Database database) {
        String name = entry.path("name").asText();
        Table table = database.tables().get(name);
        if (table == null) {
            table = new Table(name, KeySchema.fromJson(entry.get("keySchema"), entry.get("attributeDefinitions")),
                    entry.path("region").asText(), entry.path("tableId").asText(), entry.path("created").asLong());
            database.tables().put(name, table);
        }
        table.billingMode = entry.path("billingMode").asText();
        table.provisionedThroughput = (ObjectNode) entry.get("provisionedThroughput");
        table.streamViewType = Json.text(entry, "streamViewType");
        String streamArn = Json.text(entry, "streamArn");
        table.stream = streamArn == null ? null : database.streams().get(streamArn);
        table.ttlAttribute = Json.text(entry, "ttlAttribute");
    }

    private static void applyStream(ObjectNode entry, Database database) {
        String arn = entry.path("arn").asText();
        DynamoDbStream stream = database.streams().get(arn);
        if (stream == null) {
            stream = new DynamoDbStream(arn, entry.path("table").asText(), entry.path("label").asText(),
                    entry.path("viewType").asText(),
                    KeySchema.fromJson(entry.get("keySchema"), entry.get("attributeDefinitions")),
                    entry.path("created").asLong(), entry.path("shardId").asText(), entry.path("start").asLong());
            database.streams().put(arn, stream);
            database.restorePosition(stream.startPosition() - 1);
        }
        if (!entry.path("enabled").asBoolean()) {
            stream.disable();
        }
    }

    private static void applyCommit(ObjectNode entry, Database database) {
        for (JsonNode write : entry.path("writes")) {
            Table table = database.tables().get(write.path("table").asText());
            ObjectNode item = (ObjectNode) write.get("item");
            ItemKey key = table.keySchema.keyOfItem(item != null ? item : (ObjectNode) write.get("key"));
            table.store(key, item);
        }
        for (JsonNode record : entry.path("records")) {
            DynamoDbStream stream = database.streams().get(record.path("stream").asText());
            long position = record.path("position").asLong();
            stream.append(new StreamRecord(stream.arn(), position, record.path("created").asLong(),
                    (ObjectNode) record.get("record")));
            database.restorePosition(position);
        }
    }
}
