package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.expression.Condition;
import dev.eventpipeline.localstack.dynamodb.internal.expression.DocumentPath;
import dev.eventpipeline.localstack.dynamodb.internal.expression.ExpressionContext;
import dev.eventpipeline.localstack.dynamodb.internal.expression.ExpressionParser;
import dev.eventpipeline.localstack.dynamodb.internal.expression.UpdateExpression;

/**
 * One write as a client asked for it (PutItem, UpdateItem, DeleteItem, or a Put, Update, Delete, ConditionCheck of a
 * transaction or a batch), validated before the lock is taken and applied under it.
 */
final class ItemWrite {

    enum Kind {
        PUT,
        UPDATE,
        DELETE,
        CONDITION_CHECK
    }

    /** A write located in its table under the lock: the item as it is now. */
    record Located(ItemWrite write, Table table, ItemKey key, ObjectNode oldItem) {

        boolean conditionHolds() {
            return write.condition == null || write.condition.test(oldItem == null ? EMPTY : oldItem);
        }

        /** The item after the write ({@code null} when deleted). */
        ObjectNode newItem() {
            return write.newItem(table, oldItem);
        }
    }

    private static final ObjectNode EMPTY = Json.object();

    private final Kind kind;
    private final String tableName;
    private final ObjectNode itemOrKey;
    private final Condition condition;
    private final UpdateExpression update;
    private final boolean oldItemOnFailure;

    private ItemWrite(Kind kind, String tableName, ObjectNode itemOrKey, Condition condition, UpdateExpression update,
            boolean oldItemOnFailure) {
        this.kind = kind;
        this.tableName = tableName;
        this.itemOrKey = itemOrKey;
        this.condition = condition;
        this.update = update;
        this.oldItemOnFailure = oldItemOnFailure;
    }

    /** Reads and validates a write request; refuses it before any item is touched. */
    static ItemWrite parse(Kind kind, JsonNode request) {
        rejectLegacyParameters(request);
        String tableName = TableOperations.tableName(request);
        ExpressionContext context = new ExpressionContext(request.get("ExpressionAttributeNames"),
                request.get("ExpressionAttributeValues"));
        ObjectNode itemOrKey = AttributeValues.normaliseItem(request.get(kind == Kind.PUT ? "Item" : "Key"));
        Condition condition = condition(kind, request, context);
        UpdateExpression update = kind == Kind.UPDATE && request.hasNonNull("UpdateExpression")
                ? ExpressionParser.update(request.get("UpdateExpression").asText(), context)
                : null;
        context.checkAllUsed();
        if (kind == Kind.PUT) {
            checkSize(itemOrKey, "Item size has exceeded the maximum allowed size");
        }
        boolean oldItemOnFailure = oldItemOnFailure(request);
        return new ItemWrite(kind, tableName, itemOrKey, condition, update, oldItemOnFailure);
    }

    private static boolean oldItemOnFailure(JsonNode request) {
        String value = Json.text(request, "ReturnValuesOnConditionCheckFailure");
        if (value != null && !value.equals("ALL_OLD") && !value.equals("NONE")) {
            throw ApiException.validation("1 validation error detected: Value '" + value + "' at"
                    + " 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum"
                    + " value set: [ALL_OLD, NONE]");
        }
        return "ALL_OLD".equals(value);
    }

    private static Condition condition(Kind kind, JsonNode request, ExpressionContext context) {
        String text = Json.text(request, "ConditionExpression");
        if (text == null && kind == Kind.CONDITION_CHECK) {
            throw ApiException.validation("1 validation error detected: Value null at 'conditionExpression' failed to"
                    + " satisfy constraint: Member must not be null");
        }
        return text == null ? null : ExpressionParser.condition(text, "ConditionExpression", context);
    }

    private static void rejectLegacyParameters(JsonNode request) {
        for (String legacy : List.of("Expected", "AttributeUpdates", "ConditionalOperator")) {
            if (request.hasNonNull(legacy)) {
                throw ApiException.validation("local-stack DynamoDB does not support the legacy parameter " + legacy
                        + "; use ConditionExpression and UpdateExpression instead");
            }
        }
    }

    private static void checkSize(ObjectNode item, String message) {
        if (AttributeValues.itemSize(item) > AttributeValues.MAX_ITEM_BYTES) {
            throw ApiException.validation(message);
        }
    }

    String tableName() {
        return tableName;
    }

    Kind kind() {
        return kind;
    }

    boolean oldItemOnFailure() {
        return oldItemOnFailure;
    }

    /** The paths an update changes, for {@code UPDATED_OLD} and {@code UPDATED_NEW}. */
    List<DocumentPath> updatedPaths() {
        return update == null ? List.of() : update.paths();
    }

    /** Finds the item this write targets; call under the database lock. */
    Located locate(Database database) {
        Table table = database.table(tableName);
        ItemKey key = kind == Kind.PUT ? table.keySchema.keyOfItem(itemOrKey) : table.keySchema.keyOfKey(itemOrKey);
        return new Located(this, table, key, table.get(key));
    }

    private ObjectNode newItem(Table table, ObjectNode oldItem) {
        return switch (kind) {
            case PUT -> itemOrKey;
            case DELETE -> null;
            case CONDITION_CHECK -> oldItem;
            case UPDATE -> updated(table, oldItem);
        };
    }

    private ObjectNode updated(Table table, ObjectNode oldItem) {
        ObjectNode base = oldItem != null ? oldItem : itemOrKey;
        if (update == null) {
            return base;
        }
        for (DocumentPath path : update.paths()) {
            if (table.keySchema.isKeyAttribute(path.attribute())) {
                throw ApiException.validation("One or more parameter values were invalid: Cannot update attribute "
                        + path.attribute() + ". This attribute is part of the key");
            }
        }
        ObjectNode updated = update.apply(base);
        checkSize(updated, "Item size to update has exceeded the maximum allowed size");
        return updated;
    }
}
