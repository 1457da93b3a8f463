package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.ItemWrite.Kind;
import dev.eventpipeline.localstack.dynamodb.internal.ItemWrite.Located;
import dev.eventpipeline.localstack.dynamodb.internal.expression.DocumentPath;
import dev.eventpipeline.localstack.dynamodb.internal.expression.ExpressionContext;
import dev.eventpipeline.localstack.dynamodb.internal.expression.Projection;

/**
 * BatchWriteItem (up to 25 puts and deletes) and BatchGetItem (up to 100 keys). Every request is processed at once, so
 * {@code UnprocessedItems} and {@code UnprocessedKeys} come back empty.
 */
final class BatchOperations {

    private static final int MAX_WRITES = 25;
    private static final int MAX_KEYS = 100;

    private record TableRead(String tableName, List<ObjectNode> keys, List<DocumentPath> projection) {
    }

    private final Database database;

    BatchOperations(Database database) {
        this.database = database;
    }

    ObjectNode batchWriteItem(ObjectNode request) {
        List<ItemWrite> writes = writes(requestItems(request));
        return database.write(() -> {
            List<Change> changes = new ArrayList<>();
            Set<List<Object>> seen = new HashSet<>();
            for (ItemWrite write : writes) {
                Located located = write.locate(database);
                if (!seen.add(List.of(write.tableName(), located.key()))) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                changes.add(Change.of(located.table(), located.key(), located.oldItem(), located.newItem()));
            }
            database.commit(changes);
            ObjectNode response = Json.object();
            response.putObject("UnprocessedItems");
            return response;
        });
    }

    private static ObjectNode requestItems(ObjectNode request) {
        ObjectNode items = Json.objectMember(request, "RequestItems");
        if (items == null || items.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value null at 'requestItems' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        return items;
    }

    private static List<ItemWrite> writes(ObjectNode requestItems) {
        List<ItemWrite> writes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> table = tables.next();
            for (JsonNode request : table.getValue()) {
                writes.add(write(table.getKey(), request));
            }
        }
        if (writes.isEmpty() || writes.size() > MAX_WRITES) {
            throw ApiException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy"
                    + " constraint: Map value must satisfy constraint: [Member must have length less than or equal"
                    + " to 25, Member must have length greater than or equal to 1]");
        }
        return writes;
    }

    private static ItemWrite write(String tableName, JsonNode request) {
        ObjectNode single = Json.object().put("TableName", tableName);
        if (request.has("PutRequest") == request.has("DeleteRequest")) {
            throw ApiException.validation("Supplied AttributeValue has more than one datatypes set, must contain"
                    + " exactly one of PutRequest or DeleteRequest");
        }
        if (request.has("PutRequest")) {
            single.set("Item", request.get("PutRequest").get("Item"));
            return ItemWrite.parse(Kind.PUT, single);
        }
        single.set("Key", request.get("DeleteRequest").get("Key"));
        return ItemWrite.parse(Kind.DELETE, single);
    }

    ObjectNode batchGetItem(ObjectNode request) {
        List<TableRead> reads = reads(requestItems(request));
        return database.read(() -> {
            ObjectNode response = Json.object();
            ObjectNode responses = response.putObject("Responses");
            for (TableRead read : reads) {
                responses.set(read.tableName(), readTable(read));
            }
            response.putObject("UnprocessedKeys");
            return response;
        });
    }

    private ArrayNode readTable(TableRead read) {
        Table table = database.table(read.tableName());
        ArrayNode items = Json.array();
        Set<ItemKey> seen = new HashSet<>();
        for (ObjectNode key : read.keys()) {
            ItemKey itemKey = table.keySchema.keyOfKey(key);
            if (!seen.add(itemKey)) {
                throw ApiException.validation("Provided list of item keys contains duplicates");
            }
            ObjectNode item = table.get(itemKey);
            if (item != null) {
                items.add(read.projection() == null ? item : Projection.apply(item, read.projection()));
            }
        }
        return items;
    }

    private static List<TableRead> reads(ObjectNode requestItems) {
        List<TableRead> reads = new ArrayList<>();
        int keys = 0;
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> table = tables.next();
            TableRead read = read(table.getKey(), table.getValue());
            keys += read.keys().size();
            reads.add(read);
        }
        if (keys > MAX_KEYS) {
            throw ApiException.validation("Too many items requested for the BatchGetItem call");
        }
        return reads;
    }

    private static TableRead read(String tableName, JsonNode request) {
        ExpressionContext context = new ExpressionContext(request.get("ExpressionAttributeNames"), null);
        List<DocumentPath> projection = ItemOperations.projection(request, context);
        context.checkAllUsed();
        List<ObjectNode> keys = new ArrayList<>();
        for (JsonNode key : request.path("Keys")) {
            keys.add(AttributeValues.normaliseItem(key));
        }
        if (keys.isEmpty()) {
            throw ApiException.validation("1 validation error detected: Value at 'requestItems." + tableName
                    + ".member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        return new TableRead(tableName, keys, projection);
    }
}
