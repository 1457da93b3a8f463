package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.expression.Condition;
import dev.eventpipeline.localstack.dynamodb.internal.expression.DocumentPath;
import dev.eventpipeline.localstack.dynamodb.internal.expression.ExpressionContext;
import dev.eventpipeline.localstack.dynamodb.internal.expression.ExpressionParser;
import dev.eventpipeline.localstack.dynamodb.internal.expression.Projection;

/**
 * Query and Scan. Both read up to {@code Limit} items or 1 MB, whichever comes first, then apply the filter, and hand
 * back a {@code LastEvaluatedKey} whenever they stopped early, as DynamoDB pages.
 */
final class QueryOperations {

    private static final int MAX_PAGE_BYTES = 1024 * 1024;

    /** The request members shared by Query and Scan. */
    private record Reading(String tableName, Condition filter, List<DocumentPath> projection, boolean countOnly,
            int limit, ObjectNode exclusiveStartKey) {
    }

    /** Items read so far in one page. */
    private static final class Page {
        final List<ObjectNode> items = new ArrayList<>();
        int scanned;
        int bytes;
        ObjectNode lastKey;
    }

    private final Database database;

    QueryOperations(Database database) {
        this.database = database;
    }

    ObjectNode query(ObjectNode request) {
        rejectIndex(request);
        ExpressionContext context = context(request);
        String keyConditionText = Json.text(request, "KeyConditionExpression");
        if (keyConditionText == null) {
            throw ApiException.validation("Either the KeyConditions or KeyConditionExpression parameter must be"
                    + " specified in the request.");
        }
        Condition keyCondition = ExpressionParser.condition(keyConditionText, "KeyConditionExpression", context);
        Reading reading = reading(request, context);
        boolean forward = !request.has("ScanIndexForward") || request.get("ScanIndexForward").asBoolean(true);
        return database.read(() -> {
            Table table = database.table(reading.tableName());
            KeyCondition keys = KeyCondition.of(keyCondition, table.keySchema);
            Page page = new Page();
            readRange(table, keys, forward, reading, page);
            return response(reading, page);
        });
    }

    private void readRange(Table table, KeyCondition keys, boolean forward, Reading reading, Page page) {
        NavigableMap<AttributeKey, ObjectNode> range = keys.range(table.partition(keys.partition()));
        if (reading.exclusiveStartKey() != null) {
            ItemKey start = startKey(table, reading.exclusiveStartKey());
            if (!start.partition().equals(keys.partition())) {
                throw ApiException.validation("The provided starting key is invalid: The provided key element does"
                        + " not match the schema");
            }
            range = after(range, start.sort(), forward);
        }
        Iterator<ObjectNode> items = (forward ? range : range.descendingMap()).values().iterator();
        boolean matched = false;
        while (items.hasNext() && !pageFull(page, reading)) {
            ObjectNode item = items.next();
            if (keys.matches(item)) {
                matched = true;
                take(table, item, reading, page);
            } else if (matched) {
                // Items matching a sort key condition are adjacent in key order: past the first miss, none follow.
                break;
            }
        }
        if (!pageFull(page, reading)) {
            page.lastKey = null;
        }
    }

    private static NavigableMap<AttributeKey, ObjectNode> after(NavigableMap<AttributeKey, ObjectNode> range,
            AttributeKey start, boolean forward) {
        try {
            return forward ? range.tailMap(start, false) : range.headMap(start, false);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("The provided starting key is outside query boundaries based on provided"
                    + " conditions");
        }
    }

    ObjectNode scan(ObjectNode request) {
        rejectIndex(request);
        ExpressionContext context = context(request);
        Reading reading = reading(request, context);
        int[] segment = segment(request);
        return database.read(() -> {
            Table table = database.table(reading.tableName());
            Page page = new Page();
            scanPartitions(table, segment, reading, page);
            return response(reading, page);
        });
    }

    private void scanPartitions(Table table, int[] segment, Reading reading, Page page) {
        NavigableMap<AttributeKey, NavigableMap<AttributeKey, ObjectNode>> partitions = table.partitions();
        ItemKey start = reading.exclusiveStartKey() == null ? null : startKey(table, reading.exclusiveStartKey());
        if (start != null) {
            partitions = partitions.tailMap(start.partition(), true);
        }
        for (Map.Entry<AttributeKey, NavigableMap<AttributeKey, ObjectNode>> partition : partitions.entrySet()) {
            if (Math.floorMod(partition.getKey().hashCode(), segment[1]) != segment[0]) {
                continue;
            }
            NavigableMap<AttributeKey, ObjectNode> items = partition.getValue();
            if (start != null && partition.getKey().equals(start.partition())) {
                items = items.tailMap(start.sort(), false);
            }
            for (ObjectNode item : items.values()) {
                if (pageFull(page, reading)) {
                    return;
                }
                take(table, item, reading, page);
            }
        }
        page.lastKey = pageFull(page, reading) ? page.lastKey : null;
    }

    private static int[] segment(ObjectNode request) {
        JsonNode segment = request.get("Segment");
        JsonNode total = request.get("TotalSegments");
        if (segment == null && total == null) {
            return new int[] { 0, 1 };
        }
        if (segment == null || total == null) {
            throw ApiException.validation("The " + (segment == null ? "Segment" : "TotalSegments") + " parameter is"
                    + " required but was not present in the request when parameter "
                    + (segment == null ? "TotalSegments" : "Segment") + " is present");
        }
        if (total.asInt() < 1 || total.asInt() > 1_000_000) {
            throw ApiException.validation("1 validation error detected: Value '" + total.asInt() + "' at"
                    + " 'totalSegments' failed to satisfy constraint: Member must have value between 1 and 1000000");
        }
        if (segment.asInt() < 0 || segment.asInt() >= total.asInt()) {
            throw ApiException.validation("The Segment parameter is zero-based and must be less than parameter"
                    + " TotalSegments: Segment: " + segment.asInt() + " is not less than TotalSegments: "
                    + total.asInt());
        }
        return new int[] { segment.asInt(), total.asInt() };
    }

    private static boolean pageFull(Page page, Reading reading) {
        return page.scanned >= reading.limit() || page.bytes >= MAX_PAGE_BYTES;
    }

    private static void take(Table table, ObjectNode item, Reading reading, Page page) {
        page.scanned++;
        page.bytes += AttributeValues.itemSize(item);
        page.lastKey = table.keySchema.keyAttributes(item);
        if (reading.filter() == null || reading.filter().test(item)) {
            page.items.add(reading.projection() == null ? item : Projection.apply(item, reading.projection()));
        }
    }

    private static ItemKey startKey(Table table, ObjectNode exclusiveStartKey) {
        try {
            return table.keySchema.keyOfKey(exclusiveStartKey);
        } catch (ApiException e) {
            throw ApiException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    private static ExpressionContext context(ObjectNode request) {
        for (String legacy : List.of("KeyConditions", "QueryFilter", "ScanFilter", "ConditionalOperator")) {
            if (request.hasNonNull(legacy)) {
                throw ApiException.validation("local-stack DynamoDB does not support the legacy parameter " + legacy
                        + "; use KeyConditionExpression and FilterExpression instead");
            }
        }
        return new ExpressionContext(request.get("ExpressionAttributeNames"), request.get("ExpressionAttributeValues"));
    }

    private static void rejectIndex(ObjectNode request) {
        if (request.hasNonNull("IndexName")) {
            throw ApiException.validation("local-stack DynamoDB does not support secondary indexes; IndexName "
                    + request.get("IndexName").asText() + " cannot be read");
        }
    }

    private static Reading reading(ObjectNode request, ExpressionContext context) {
        String tableName = TableOperations.tableName(request);
        String filterText = Json.text(request, "FilterExpression");
        Condition filter = filterText == null ? null
                : ExpressionParser.condition(filterText, "FilterExpression", context);
        List<DocumentPath> projection = ItemOperations.projection(request, context);
        context.checkAllUsed();
        boolean countOnly = "COUNT".equals(Json.text(request, "Select"));
        if (countOnly && projection != null) {
            throw ApiException.validation("Cannot specify the ProjectionExpression when choosing to get only the COUNT");
        }
        return new Reading(tableName, filter, projection, countOnly, limit(request),
                AttributeValues.normaliseItemOrNull(request.get("ExclusiveStartKey")));
    }

    private static int limit(ObjectNode request) {
        JsonNode limit = request.get("Limit");
        if (limit == null || limit.isNull()) {
            return Integer.MAX_VALUE;
        }
        if (limit.asInt() < 1) {
            throw ApiException.validation("1 validation error detected: Value '" + limit.asInt() + "' at 'limit'"
                    + " failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        return limit.asInt();
    }

    private static ObjectNode response(Reading reading, Page page) {
        ObjectNode response = Json.object();
        if (!reading.countOnly()) {
            ArrayNode items = response.putArray("Items");
            page.items.forEach(items::add);
        }
        response.put("Count", page.items.size());
        response.put("ScannedCount", page.scanned);
        if (page.lastKey != null) {
            response.set("LastEvaluatedKey", page.lastKey);
        }
        return response;
    }
}
