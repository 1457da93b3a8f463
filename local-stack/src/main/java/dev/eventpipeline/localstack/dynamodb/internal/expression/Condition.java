package dev.eventpipeline.localstack.dynamodb.internal.expression;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.eventpipeline.localstack.dynamodb.internal.ApiException;
import dev.eventpipeline.localstack.dynamodb.internal.AttributeValues;

/** A condition, filter or key condition expression, evaluated against one item. */
public sealed interface Condition {

    /** Whether the item (empty when it does not exist) satisfies the condition. */
    boolean test(JsonNode item);

    /** {@code a = b}, {@code a <> b}, {@code a < b}, {@code a <= b}, {@code a > b}, {@code a >= b}. */
    record Comparison(String comparator, Operand left, Operand right) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            JsonNode a = left.evaluate(item);
            JsonNode b = right.evaluate(item);
            if (comparator.equals("=")) {
                return a != null && b != null && AttributeValues.equal(a, b);
            }
            if (comparator.equals("<>")) {
                return a == null || b == null || !AttributeValues.equal(a, b);
            }
            if (!comparable(a, b)) {
                return false;
            }
            int order = AttributeValues.compare(a, b);
            return switch (comparator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
        }
    }

    /** {@code a BETWEEN low AND high}. */
    record Between(Operand value, Operand low, Operand high) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            JsonNode v = value.evaluate(item);
            JsonNode lo = low.evaluate(item);
            JsonNode hi = high.evaluate(item);
            if (comparable(lo, hi) && AttributeValues.compare(lo, hi) > 0) {
                throw ApiException.validation("Invalid ConditionExpression: The BETWEEN operator requires upper bound"
                        + " to be greater than or equal to lower bound; lower operand: " + lo + ", upper operand: " + hi);
            }
            return comparable(v, lo) && comparable(v, hi) && AttributeValues.compare(v, lo) >= 0
                    && AttributeValues.compare(v, hi) <= 0;
        }
    }

    /** {@code a IN (b, c, ...)}. */
    record In(Operand value, List<Operand> candidates) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            JsonNode v = value.evaluate(item);
            if (v == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                JsonNode c = candidate.evaluate(item);
                if (c != null && AttributeValues.equal(v, c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code attribute_exists(path)} or, negated, {@code attribute_not_exists(path)}. */
    record Exists(DocumentPath path, boolean expected) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            return (path.resolve(item) != null) == expected;
        }
    }

    /** {@code attribute_type(path, :type)}. */
    record AttributeType(DocumentPath path, Operand type) implements Condition {
        private static final Set<String> TYPES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

        @Override
        public boolean test(JsonNode item) {
            JsonNode expected = type.evaluate(item);
            if (expected == null || !expected.has("S") || !TYPES.contains(expected.get("S").textValue())) {
                throw ApiException.validation("Invalid ConditionExpression: Invalid attribute type name found; type: "
                        + (expected == null ? null : expected.path("S").asText()) + ", valid types: " + TYPES);
            }
            JsonNode value = path.resolve(item);
            return value != null && AttributeValues.type(value).equals(expected.get("S").textValue());
        }
    }

    /** {@code begins_with(path, prefix)} on strings or binaries. */
    record BeginsWith(Operand value, Operand prefix) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            JsonNode v = value.evaluate(item);
            JsonNode p = prefix.evaluate(item);
            if (v == null || p == null || !AttributeValues.type(v).equals(AttributeValues.type(p))) {
                return false;
            }
            if (v.has("S")) {
                return v.get("S").textValue().startsWith(p.get("S").textValue());
            }
            if (v.has("B")) {
                byte[] bytes = AttributeValues.decodeBinary(v.get("B").textValue());
                byte[] start = AttributeValues.decodeBinary(p.get("B").textValue());
                return bytes.length >= start.length
                        && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
            }
            return false;
        }
    }

    /** {@code contains(path, operand)}: a substring of S, a member of a set, an element of a list. */
    record Contains(Operand container, Operand member) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            JsonNode c = container.evaluate(item);
            JsonNode m = member.evaluate(item);
            if (c == null || m == null) {
                return false;
            }
            String type = AttributeValues.type(c);
            return switch (type) {
                case "S" -> m.has("S") && c.get("S").textValue().contains(m.get("S").textValue());
                case "SS", "NS", "BS" -> setContains(type, c.get(type), m);
                case "L" -> listContains(c.get("L"), m);
                default -> false;
            };
        }

        private static boolean setContains(String setType, JsonNode members, JsonNode member) {
            String type = setType.substring(0, 1);
            if (!member.has(type)) {
                return false;
            }
            for (JsonNode candidate : members) {
                JsonNode wrapped = JsonNodeFactory.instance.objectNode()
                        .set(type, candidate);
                if (AttributeValues.equal(wrapped, member)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean listContains(JsonNode elements, JsonNode member) {
            for (JsonNode element : elements) {
                if (AttributeValues.equal(element, member)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code a AND b}. */
    record And(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            return left.test(item) && right.test(item);
        }
    }

    /** {@code a OR b}. */
    record Or(Condition left, Condition right) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            return left.test(item) || right.test(item);
        }
    }

    /** {@code NOT a}. */
    record Not(Condition operand) implements Condition {
        @Override
        public boolean test(JsonNode item) {
            return !operand.test(item);
        }
    }

    private static boolean comparable(JsonNode a, JsonNode b) {
        return a != null && b != null && AttributeValues.isScalar(a)
                && AttributeValues.type(a).equals(AttributeValues.type(b));
    }
}
