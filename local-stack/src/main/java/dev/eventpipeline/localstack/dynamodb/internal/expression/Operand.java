package dev.eventpipeline.localstack.dynamodb.internal.expression;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.ApiException;
import dev.eventpipeline.localstack.dynamodb.internal.AttributeValues;

/** A value in an expression: a document path, a value placeholder, or a function of them. */
public sealed interface Operand {

    /** The operand's value for an item, or {@code null} when a path it reads is absent. */
    JsonNode evaluate(JsonNode item);

    /** A document path in the item. */
    record Path(DocumentPath path) implements Operand {
        @Override
        public JsonNode evaluate(JsonNode item) {
            return path.resolve(item);
        }
    }

    /** A value from {@code ExpressionAttributeValues}. */
    record Value(String placeholder, JsonNode value) implements Operand {
        @Override
        public JsonNode evaluate(JsonNode item) {
            return value;
        }
    }

    /** {@code size(path)}: characters of S, bytes of B, members of a set, list or map. */
    record Size(DocumentPath path) implements Operand {
        @Override
        public JsonNode evaluate(JsonNode item) {
            JsonNode value = path.resolve(item);
            return value == null ? null : AttributeValues.numberValue(BigDecimal.valueOf(size(value)));
        }

        private static long size(JsonNode value) {
            String type = AttributeValues.type(value);
            JsonNode content = value.get(type);
            return switch (type) {
                case "S" -> content.textValue().codePointCount(0, content.textValue().length());
                case "B" -> AttributeValues.decodeBinary(content.textValue()).length;
                case "L", "M", "SS", "NS", "BS" -> content.size();
                default -> throw ApiException.validation("Invalid ConditionExpression: Incorrect operand type for"
                        + " operator or function; operator or function: size, operand type: " + type);
            };
        }
    }

    /** {@code if_not_exists(path, operand)} in an update's SET action. */
    record IfNotExists(DocumentPath path, Operand fallback) implements Operand {
        @Override
        public JsonNode evaluate(JsonNode item) {
            JsonNode value = path.resolve(item);
            return value != null ? value : required(fallback, item);
        }
    }

    /** {@code list_append(list1, list2)} in an update's SET action. */
    record ListAppend(Operand first, Operand second) implements Operand {
        @Override
        public JsonNode evaluate(JsonNode item) {
            JsonNode left = required(first, item);
            JsonNode right = required(second, item);
            if (!left.has("L") || !right.has("L")) {
                throw ApiException.validation("Invalid UpdateExpression: Incorrect operand type for operator or"
                        + " function; operator or function: list_append, operand type: "
                        + AttributeValues.type(left.has("L") ? right : left));
            }
            ArrayNode joined = JsonNodeFactory.instance.arrayNode();
            joined.addAll((ArrayNode) left.get("L"));
            joined.addAll((ArrayNode) right.get("L"));
            ObjectNode list = JsonNodeFactory.instance.objectNode();
            list.set("L", joined);
            return list;
        }
    }

    /** {@code a + b} or {@code a - b} on numbers in an update's SET action. */
    record Arithmetic(Operand left, char operator, Operand right) implements Operand {
        @Override
        public JsonNode evaluate(JsonNode item) {
            JsonNode a = required(left, item);
            JsonNode b = required(right, item);
            if (!a.has("N") || !b.has("N")) {
                throw ApiException.validation("An operand in the update expression has an incorrect data type");
            }
            BigDecimal x = AttributeValues.number(a);
            BigDecimal y = AttributeValues.number(b);
            return AttributeValues.numberValue(operator == '+' ? x.add(y) : x.subtract(y));
        }
    }

    /** Evaluates an operand whose value must exist, as DynamoDB requires inside update actions. */
    static JsonNode required(Operand operand, JsonNode item) {
        JsonNode value = operand.evaluate(item);
        if (value == null) {
            throw ApiException.validation(
                    "The provided expression refers to an attribute that does not exist in the item");
        }
        return value;
    }
}
