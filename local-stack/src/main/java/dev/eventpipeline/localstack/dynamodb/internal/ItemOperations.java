package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.ItemWrite.Kind;
import dev.eventpipeline.localstack.dynamodb.internal.ItemWrite.Located;
import dev.eventpipeline.localstack.dynamodb.internal.expression.DocumentPath;
import dev.eventpipeline.localstack.dynamodb.internal.expression.ExpressionContext;
import dev.eventpipeline.localstack.dynamodb.internal.expression.ExpressionParser;
import dev.eventpipeline.localstack.dynamodb.internal.expression.Projection;

/** PutItem, UpdateItem, DeleteItem and GetItem. */
final class ItemOperations {

    private static final Set<String> PUT_RETURN_VALUES = Set.of("NONE", "ALL_OLD");
    private static final Set<String> UPDATE_RETURN_VALUES = Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW",
            "UPDATED_NEW");

    private final Database database;

    ItemOperations(Database database) {
        this.database = database;
    }

    ObjectNode putItem(ObjectNode request) {
        return write(Kind.PUT, request, PUT_RETURN_VALUES);
    }

    ObjectNode updateItem(ObjectNode request) {
        return write(Kind.UPDATE, request, UPDATE_RETURN_VALUES);
    }

    ObjectNode deleteItem(ObjectNode request) {
        return write(Kind.DELETE, request, PUT_RETURN_VALUES);
    }

    private ObjectNode write(Kind kind, ObjectNode request, Set<String> allowedReturnValues) {
        String returnValues = returnValues(request, allowedReturnValues);
        ItemWrite write = ItemWrite.parse(kind, request);
        return database.write(() -> {
            Located located = write.locate(database);
            if (!located.conditionHolds()) {
                throw ApiException.conditionalCheckFailed(write.oldItemOnFailure() ? located.oldItem() : null);
            }
            ObjectNode newItem = located.newItem();
            database.commit(List.of(Change.of(located.table(), located.key(), located.oldItem(), newItem)));
            return response(returnValues, located.oldItem(), newItem, write.updatedPaths());
        });
    }

    private static String returnValues(ObjectNode request, Set<String> allowed) {
        String returnValues = Json.text(request, "ReturnValues");
        if (returnValues == null) {
            return "NONE";
        }
        if (!allowed.contains(returnValues)) {
            throw ApiException.validation("ReturnValues can only be " + String.join(" or ", allowed.stream().sorted()
                    .toList()) + " for this operation");
        }
        return returnValues;
    }

    private static ObjectNode response(String returnValues, ObjectNode oldItem, ObjectNode newItem,
            List<DocumentPath> updatedPaths) {
        ObjectNode response = Json.object();
        JsonNode attributes = switch (returnValues) {
            case "ALL_OLD" -> oldItem;
            case "ALL_NEW" -> newItem;
            case "UPDATED_OLD" -> oldItem == null ? null : Projection.apply(oldItem, updatedPaths);
            case "UPDATED_NEW" -> Projection.apply(newItem, updatedPaths);
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", attributes);
        }
        return response;
    }

    ObjectNode getItem(ObjectNode request) {
        String tableName = TableOperations.tableName(request);
        ObjectNode key = AttributeValues.normaliseItem(request.get("Key"));
        ExpressionContext context = new ExpressionContext(request.get("ExpressionAttributeNames"), null);
        List<DocumentPath> projection = projection(request, context);
        context.checkAllUsed();
        ObjectNode item = database.read(() -> {
            Table table = database.table(tableName);
            return table.get(table.keySchema.keyOfKey(key));
        });
        ObjectNode response = Json.object();
        if (item != null) {
            response.set("Item", projection == null ? item : Projection.apply(item, projection));
        }
        return response;
    }

    /** The paths of a request's ProjectionExpression, or {@code null} for all attributes. */
    static List<DocumentPath> projection(JsonNode request, ExpressionContext context) {
        if (request.hasNonNull("AttributesToGet")) {
            throw ApiException.validation("local-stack DynamoDB does not support the legacy parameter AttributesToGet;"
                    + " use ProjectionExpression instead");
        }
        String text = Json.text(request, "ProjectionExpression");
        return text == null ? null : ExpressionParser.projection(text, context);
    }
}
