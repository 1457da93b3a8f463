package dev.eventpipeline.localstack.dynamodb.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.ItemWrite.Kind;
import dev.eventpipeline.localstack.dynamodb.internal.ItemWrite.Located;
import dev.eventpipeline.localstack.dynamodb.internal.expression.DocumentPath;
import dev.eventpipeline.localstack.dynamodb.internal.expression.ExpressionContext;
import dev.eventpipeline.localstack.dynamodb.internal.expression.Projection;

/**
 * TransactWriteItems and TransactGetItems. A write transaction checks every condition under the exclusive lock and
 * commits all its writes or none; a cancelled one answers with one cancellation reason per action, in request order.
 */
final class TransactionOperations {

    private static final int MAX_ACTIONS = 100;
    private static final long TOKEN_LIFETIME_MILLIS = Duration.ofMinutes(10).toMillis();

    /** A ClientRequestToken seen on a committed transaction, valid for 10 minutes as the service documents. */
    private record Token(String requestFingerprint, long expiresMillis) {
    }

    private final Database database;
    private final Map<String, Token> tokens = new HashMap<>();

    TransactionOperations(Database database) {
        this.database = database;
    }

    ObjectNode transactWriteItems(ObjectNode request) {
        ArrayNode actions = actions(request);
        List<ItemWrite> writes = new ArrayList<>();
        for (JsonNode action : actions) {
            writes.add(write(action));
        }
        String token = Json.text(request, "ClientRequestToken");
        String fingerprint = actions.toString();
        return database.write(() -> {
            if (alreadyCommitted(token, fingerprint)) {
                return Json.object();
            }
            commit(writes);
            remember(token, fingerprint);
            return Json.object();
        });
    }

    private static ArrayNode actions(ObjectNode request) {
        ArrayNode actions = Json.arrayMember(request, "TransactItems");
        if (actions == null || actions.isEmpty() || actions.size() > MAX_ACTIONS) {
            throw ApiException.validation("1 validation error detected: Value at 'transactItems' failed to satisfy"
                    + " constraint: Member must have length less than or equal to 100, Member must have length"
                    + " greater than or equal to 1");
        }
        return actions;
    }

    private static ItemWrite write(JsonNode action) {
        if (action.size() != 1) {
            throw ApiException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String name = action.fieldNames().next();
        Kind kind = switch (name) {
            case "Put" -> Kind.PUT;
            case "Update" -> Kind.UPDATE;
            case "Delete" -> Kind.DELETE;
            case "ConditionCheck" -> Kind.CONDITION_CHECK;
            default -> throw ApiException.validation("TransactItems can only contain one of Check, Put, Update or"
                    + " Delete; found " + name);
        };
        return ItemWrite.parse(kind, action.get(name));
    }

    private void commit(List<ItemWrite> writes) {
        List<Located> located = new ArrayList<>();
        Set<List<Object>> targets = new HashSet<>();
        for (ItemWrite write : writes) {
            Located target = write.locate(database);
            if (!targets.add(List.of(write.tableName(), target.key()))) {
                throw ApiException.validation("Transaction request cannot include multiple operations on one item");
            }
            located.add(target);
        }
        List<Change> changes = new ArrayList<>();
        ArrayNode reasons = Json.array();
        boolean cancelled = false;
        for (Located target : located) {
            ObjectNode reason = evaluate(target, changes);
            cancelled |= !reason.get("Code").asText().equals("None");
            reasons.add(reason);
        }
        if (cancelled) {
            throw cancellation(reasons);
        }
        database.commit(changes);
    }

    private static ObjectNode evaluate(Located target, List<Change> changes) {
        if (!target.conditionHolds()) {
            ObjectNode reason = Json.object()
                    .put("Code", "ConditionalCheckFailed")
                    .put("Message", "The conditional request failed");
            if (target.write().oldItemOnFailure() && target.oldItem() != null) {
                reason.set("Item", target.oldItem());
            }
            return reason;
        }
        try {
            if (target.write().kind() != Kind.CONDITION_CHECK) {
                changes.add(Change.of(target.table(), target.key(), target.oldItem(), target.newItem()));
            }
            return Json.object().put("Code", "None");
        } catch (ApiException e) {
            return Json.object().put("Code", "ValidationError").put("Message", e.getMessage());
        }
    }

    private static ApiException cancellation(ArrayNode reasons) {
        StringJoiner codes = new StringJoiner(", ", "[", "]");
        reasons.forEach(reason -> codes.add(reason.get("Code").asText()));
        ObjectNode members = Json.object();
        members.set("CancellationReasons", reasons);
        return ApiException.of("TransactionCanceledException", 400,
                "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes, members);
    }

    private boolean alreadyCommitted(String token, String fingerprint) {
        if (token == null) {
            return false;
        }
        long now = database.nowMillis();
        tokens.values().removeIf(seen -> seen.expiresMillis() < now);
        Token seen = tokens.get(token);
        if (seen == null) {
            return false;
        }
        if (!seen.requestFingerprint().equals(fingerprint)) {
            throw ApiException.of("IdempotentParameterMismatchException", 400, "The request uses the same client token"
                    + " as a previous, but non-identical request. Use a different client token for this request.", null);
        }
        return true;
    }

    private void remember(String token, String fingerprint) {
        if (token != null) {
            tokens.put(token, new Token(fingerprint, database.nowMillis() + TOKEN_LIFETIME_MILLIS));
        }
    }

    ObjectNode transactGetItems(ObjectNode request) {
        ArrayNode actions = actions(request);
        List<ObjectNode> gets = new ArrayList<>();
        for (JsonNode action : actions) {
            if (!action.has("Get") || action.size() != 1) {
                throw ApiException.validation("TransactGetItems can only contain Get actions");
            }
            gets.add((ObjectNode) action.get("Get"));
        }
        List<List<DocumentPath>> projections = new ArrayList<>();
        List<ObjectNode> keys = new ArrayList<>();
        for (ObjectNode get : gets) {
            TableOperations.tableName(get);
            ExpressionContext context = new ExpressionContext(get.get("ExpressionAttributeNames"), null);
            projections.add(ItemOperations.projection(get, context));
            context.checkAllUsed();
            keys.add(AttributeValues.normaliseItem(get.get("Key")));
        }
        return database.read(() -> readAll(gets, keys, projections));
    }

    private ObjectNode readAll(List<ObjectNode> gets, List<ObjectNode> keys, List<List<DocumentPath>> projections) {
        ObjectNode response = Json.object();
        ArrayNode responses = response.putArray("Responses");
        Set<List<Object>> targets = new HashSet<>();
        for (int i = 0; i < gets.size(); i++) {
            Table table = database.table(gets.get(i).get("TableName").asText());
            ItemKey key = table.keySchema.keyOfKey(keys.get(i));
            if (!targets.add(List.of(table.name, key))) {
                throw ApiException.validation("Transaction request cannot include multiple operations on one item");
            }
            ObjectNode item = table.get(key);
            ObjectNode entry = responses.addObject();
            if (item != null) {
                entry.set("Item", projections.get(i) == null ? item : Projection.apply(item, projections.get(i)));
            }
        }
        return response;
    }
}
