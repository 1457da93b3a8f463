package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.Set;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable, UpdateTimeToLive, DescribeTimeToLive. */
final class TableOperations {

    private static final Logger LOG = Logger.getLogger(TableOperations.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE",
            "NEW_AND_OLD_IMAGES");

    private final Database database;

    TableOperations(Database database) {
        this.database = database;
    }

    ObjectNode createTable(ObjectNode request, String region) {
        String name = tableName(request);
        rejectSecondaryIndexes(request);
        KeySchema keySchema = KeySchema.fromRequest(request.get("KeySchema"), request.get("AttributeDefinitions"));
        String billingMode = billingMode(request);
        ObjectNode throughput = throughput(request, billingMode);
        String viewType = requestedStream(request.get("StreamSpecification"));
        return database.write(() -> {
            Table table = database.createTable(name, keySchema, region);
            table.billingMode = billingMode;
            table.provisionedThroughput = throughput;
            if (viewType != null) {
                database.defined(database.openStream(table, viewType));
            }
            database.defined(table);
            LOG.infof("Created table %s (stream %s)", name, viewType == null ? "off" : viewType);
            return response("TableDescription", table.describe("ACTIVE"));
        });
    }

    static String tableName(JsonNode request) {
        String name = Json.requiredText(request, "TableName");
        if (!TABLE_NAME.matcher(name).matches()) {
            throw ApiException.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to"
                    + " satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have"
                    + " length between 3 and 255");
        }
        return name;
    }

    private static void rejectSecondaryIndexes(ObjectNode request) {
        if (request.hasNonNull("GlobalSecondaryIndexes") || request.hasNonNull("LocalSecondaryIndexes")) {
            throw ApiException.validation("local-stack DynamoDB does not support secondary indexes; query the table by"
                    + " its primary key or create a second table");
        }
    }

    private static String billingMode(ObjectNode request) {
        String mode = Json.text(request, "BillingMode");
        if (mode == null) {
            return "PROVISIONED";
        }
        if (!mode.equals("PROVISIONED") && !mode.equals("PAY_PER_REQUEST")) {
            throw ApiException.validation("1 validation error detected: Value '" + mode + "' at 'billingMode' failed"
                    + " to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        return mode;
    }

    private static ObjectNode throughput(ObjectNode request, String billingMode) {
        JsonNode requested = request.get("ProvisionedThroughput");
        if (billingMode.equals("PAY_PER_REQUEST")) {
            if (requested != null && !requested.isNull()) {
                throw ApiException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor"
                        + " WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return Json.object().put("ReadCapacityUnits", 0).put("WriteCapacityUnits", 0);
        }
        if (requested == null || !requested.has("ReadCapacityUnits") || !requested.has("WriteCapacityUnits")) {
            throw ApiException.validation("One or more parameter values were invalid: ReadCapacityUnits and"
                    + " WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        return Json.object()
                .put("ReadCapacityUnits", requested.get("ReadCapacityUnits").asLong())
                .put("WriteCapacityUnits", requested.get("WriteCapacityUnits").asLong());
    }

    /** The view type of a StreamSpecification that turns the stream on, or {@code null} when it turns it off. */
    private static String requestedStream(JsonNode specification) {
        if (specification == null || specification.isNull() || !specification.path("StreamEnabled").asBoolean()) {
            if (specification != null && specification.hasNonNull("StreamViewType")
                    && !specification.path("StreamEnabled").asBoolean()) {
                throw ApiException.validation("One or more parameter values were invalid: StreamViewType can only be"
                        + " specified when StreamEnabled is true");
            }
            return null;
        }
        String viewType = Json.text(specification, "StreamViewType");
        if (viewType == null || !VIEW_TYPES.contains(viewType)) {
            throw ApiException.validation("One or more parameter values were invalid: StreamViewType must be one of "
                    + VIEW_TYPES + " when StreamEnabled is true");
        }
        return viewType;
    }

    ObjectNode describeTable(ObjectNode request) {
        String name = Json.requiredText(request, "TableName");
        return database.read(() -> response("Table", database.table(name).describe("ACTIVE")));
    }

    ObjectNode listTables(ObjectNode request) {
        String start = Json.text(request, "ExclusiveStartTableName");
        int limit = request.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw ApiException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to"
                    + " satisfy constraint: Member must have value less than or equal to 100");
        }
        return database.read(() -> listTables(start, limit));
    }

    private ObjectNode listTables(String start, int limit) {
        ObjectNode response = Json.object();
        ArrayNode names = response.putArray("TableNames");
        for (String name : database.tables().keySet()) {
            if (start != null && name.compareTo(start) <= 0) {
                continue;
            }
            if (names.size() == limit) {
                response.put("LastEvaluatedTableName", names.get(limit - 1).asText());
                break;
            }
            names.add(name);
        }
        return response;
    }

    ObjectNode deleteTable(ObjectNode request) {
        String name = Json.requiredText(request, "TableName");
        return database.write(() -> {
            Table table = database.table(name);
            ObjectNode description = table.describe("DELETING");
            database.dropTable(table);
            LOG.infof("Deleted table %s", name);
            return response("TableDescription", description);
        });
    }

    ObjectNode updateTable(ObjectNode request) {
        String name = Json.requiredText(request, "TableName");
        JsonNode specification = request.get("StreamSpecification");
        String viewType = requestedStream(specification);
        return database.write(() -> {
            Table table = database.table(name);
            if (specification != null && !specification.isNull()) {
                changeStream(table, viewType);
            }
            updateBilling(table, request);
            database.defined(table);
            return response("TableDescription", table.describe("ACTIVE"));
        });
    }

    private void changeStream(Table table, String viewType) {
        if (viewType != null && table.streamEnabled()) {
            throw ApiException.validation("Table already has an enabled stream: TableName: " + table.name);
        }
        if (viewType == null && !table.streamEnabled()) {
            throw ApiException.validation("Table does not have a stream enabled: TableName: " + table.name);
        }
        if (viewType == null) {
            table.stream.disable();
            table.streamViewType = null;
            database.defined(table.stream);
            LOG.infof("Turned off the stream of table %s", table.name);
            return;
        }
        database.defined(database.openStream(table, viewType));
        LOG.infof("Turned on the stream of table %s (%s)", table.name, viewType);
    }

    private static void updateBilling(Table table, ObjectNode request) {
        if (request.hasNonNull("BillingMode")) {
            table.billingMode = billingMode(request);
        }
        if (request.hasNonNull("ProvisionedThroughput") || request.hasNonNull("BillingMode")) {
            table.provisionedThroughput = throughput(request, table.billingMode);
        }
    }

    ObjectNode updateTimeToLive(ObjectNode request) {
        String name = Json.requiredText(request, "TableName");
        JsonNode specification = request.get("TimeToLiveSpecification");
        if (specification == null || !specification.has("Enabled") || !specification.hasNonNull("AttributeName")) {
            throw ApiException.validation("1 validation error detected: Value null at 'timeToLiveSpecification'"
                    + " failed to satisfy constraint: Member must not be null");
        }
        boolean enabled = specification.get("Enabled").asBoolean();
        String attribute = specification.get("AttributeName").asText();
        return database.write(() -> {
            Table table = database.table(name);
            changeTimeToLive(table, enabled, attribute);
            database.defined(table);
            return response("TimeToLiveSpecification", specification.deepCopy());
        });
    }

    private static void changeTimeToLive(Table table, boolean enabled, String attribute) {
        if (enabled && table.ttlAttribute != null) {
            throw ApiException.validation("TimeToLive is already enabled");
        }
        if (!enabled && table.ttlAttribute == null) {
            throw ApiException.validation("TimeToLive is already disabled");
        }
        table.ttlAttribute = enabled ? attribute : null;
        LOG.infof("Time to live of table %s: %s", table.name, enabled ? "attribute " + attribute : "off");
    }

    ObjectNode describeTimeToLive(ObjectNode request) {
        String name = Json.requiredText(request, "TableName");
        return database.read(() -> {
            Table table = database.table(name);
            ObjectNode description = Json.object();
            description.put("TimeToLiveStatus", table.ttlAttribute == null ? "DISABLED" : "ENABLED");
            if (table.ttlAttribute != null) {
                description.put("AttributeName", table.ttlAttribute);
            }
            return response("TimeToLiveDescription", description);
        });
    }

    private static ObjectNode response(String member, JsonNode value) {
        ObjectNode response = Json.object();
        response.set(member, value);
        return response;
    }
}
