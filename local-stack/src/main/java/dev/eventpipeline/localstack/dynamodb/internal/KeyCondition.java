package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.expression.Condition;
import dev.eventpipeline.localstack.dynamodb.internal.expression.Operand;

/**
 * A Query's KeyConditionExpression: equality on the partition key and at most one condition on the sort key
 * ({@code =, <, <=, >, >=, BETWEEN, begins_with}), which narrows the partition to a key range.
 */
final class KeyCondition {

    private final AttributeKey partition;
    private final Condition sortCondition;
    private final JsonNode lower;
    private final boolean lowerInclusive;
    private final JsonNode upper;
    private final boolean upperInclusive;

    private KeyCondition(AttributeKey partition, Condition sortCondition, JsonNode lower, boolean lowerInclusive,
            JsonNode upper, boolean upperInclusive) {
        this.partition = partition;
        this.sortCondition = sortCondition;
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
    }

    static KeyCondition of(Condition condition, KeySchema schema) {
        List<Condition> parts = new ArrayList<>();
        flatten(condition, parts);
        Condition partitionPart = null;
        Condition sortPart = null;
        for (Condition part : parts) {
            String attribute = attribute(part);
            if (attribute.equals(schema.partitionName()) && partitionPart == null) {
                partitionPart = part;
            } else if (attribute.equals(schema.sortName()) && sortPart == null) {
                sortPart = part;
            } else {
                throw ApiException.validation("Query condition missed key schema element: " + missing(schema, attribute));
            }
        }
        if (partitionPart == null) {
            throw ApiException.validation("Query condition missed key schema element: " + schema.partitionName());
        }
        return build(partitionPart, sortPart, schema);
    }

    private static String missing(KeySchema schema, String attribute) {
        return attribute.equals(schema.partitionName()) || !schema.hasSort() ? schema.partitionName()
                : schema.sortName();
    }

    private static void flatten(Condition condition, List<Condition> parts) {
        if (condition instanceof Condition.And and) {
            flatten(and.left(), parts);
            flatten(and.right(), parts);
        } else {
            parts.add(condition);
        }
        if (parts.size() > 2) {
            throw ApiException.validation("Conditions can be of length 1 or 2 only");
        }
    }

    private static String attribute(Condition part) {
        Operand operand = keyOperand(part);
        if (operand instanceof Operand.Path path && path.path().isTopLevel()) {
            return path.path().attribute();
        }
        throw ApiException.validation("Invalid KeyConditionExpression: the left side of a key condition must be a key"
                + " attribute name");
    }

    private static Operand keyOperand(Condition part) {
        if (part instanceof Condition.Comparison comparison && !comparison.comparator().equals("<>")) {
            return comparison.left();
        }
        if (part instanceof Condition.Between between) {
            return between.value();
        }
        if (part instanceof Condition.BeginsWith beginsWith) {
            return beginsWith.value();
        }
        throw ApiException.validation("Invalid operator used in KeyConditionExpression: " + operatorName(part));
    }

    private static String operatorName(Condition part) {
        return part.getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    private static KeyCondition build(Condition partitionPart, Condition sortPart, KeySchema schema) {
        if (!(partitionPart instanceof Condition.Comparison equality) || !equality.comparator().equals("=")) {
            throw ApiException.validation("Query key condition not supported");
        }
        JsonNode partitionValue = value(equality.right(), schema.partitionType());
        AttributeKey partition = AttributeKey.of(partitionValue);
        if (sortPart == null) {
            return new KeyCondition(partition, null, null, false, null, false);
        }
        if (sortPart instanceof Condition.Comparison c) {
            return comparison(partition, c, value(c.right(), schema.sortType()));
        }
        if (sortPart instanceof Condition.Between b) {
            return between(partition, b, value(b.low(), schema.sortType()), value(b.high(), schema.sortType()));
        }
        Condition.BeginsWith w = (Condition.BeginsWith) sortPart;
        return beginsWith(partition, w, value(w.prefix(), schema.sortType()));
    }

    private static KeyCondition comparison(AttributeKey partition, Condition.Comparison c, JsonNode value) {
        return switch (c.comparator()) {
            case "=" -> new KeyCondition(partition, c, value, true, value, true);
            case "<" -> new KeyCondition(partition, c, null, false, value, false);
            case "<=" -> new KeyCondition(partition, c, null, false, value, true);
            case ">" -> new KeyCondition(partition, c, value, false, null, false);
            default -> new KeyCondition(partition, c, value, true, null, false);
        };
    }

    private static KeyCondition between(AttributeKey partition, Condition.Between b, JsonNode low, JsonNode high) {
        if (AttributeValues.compare(low, high) > 0) {
            throw ApiException.validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to"
                    + " be greater than or equal to lower bound; lower operand: " + low + ", upper operand: " + high);
        }
        return new KeyCondition(partition, b, low, true, high, true);
    }

    private static KeyCondition beginsWith(AttributeKey partition, Condition.BeginsWith w, JsonNode prefix) {
        if (AttributeValues.type(prefix).equals("N")) {
            throw ApiException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or"
                    + " function; operator or function: begins_with, operand type: N");
        }
        return new KeyCondition(partition, w, prefix, true, null, false);
    }

    private static JsonNode value(Operand operand, String keyType) {
        if (!(operand instanceof Operand.Value value)) {
            throw ApiException.validation("Invalid KeyConditionExpression: the right side of a key condition must be"
                    + " an expression attribute value");
        }
        if (!AttributeValues.type(value.value()).equals(keyType)) {
            throw ApiException.validation("One or more parameter values were invalid: Condition parameter type does"
                    + " not match schema type");
        }
        return value.value();
    }

    AttributeKey partition() {
        return partition;
    }

    /** The part of the partition the sort key condition can match, before the condition itself is tested. */
    NavigableMap<AttributeKey, ObjectNode> range(NavigableMap<AttributeKey, ObjectNode> items) {
        NavigableMap<AttributeKey, ObjectNode> range = items;
        if (lower != null) {
            range = range.tailMap(AttributeKey.of(lower), lowerInclusive);
        }
        if (upper != null) {
            range = range.headMap(AttributeKey.of(upper), upperInclusive);
        }
        return range;
    }

    boolean matches(ObjectNode item) {
        return sortCondition == null || sortCondition.test(item);
    }
}
