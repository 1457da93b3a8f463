package dev.eventpipeline.localstack.dynamodb.internal.expression;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eventpipeline.localstack.dynamodb.internal.ApiException;
import dev.eventpipeline.localstack.dynamodb.internal.AttributeValues;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request, shared by all its
 * expressions, so that a placeholder no expression uses is refused as DynamoDB refuses it.
 */
public final class ExpressionContext {

    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final Set<String> usedNames = new TreeSet<>();
    private final Set<String> usedValues = new TreeSet<>();

    /** Reads the placeholders of a request (either may be {@code null}). */
    public ExpressionContext(JsonNode attributeNames, JsonNode attributeValues) {
        if (attributeNames != null && !attributeNames.isNull()) {
            if (attributeNames.isEmpty()) {
                throw ApiException.validation("ExpressionAttributeNames must not be empty");
            }
            attributeNames.fields().forEachRemaining(name -> names.put(name.getKey(), name.getValue().asText()));
        }
        if (attributeValues != null && !attributeValues.isNull()) {
            if (attributeValues.isEmpty()) {
                throw ApiException.validation("ExpressionAttributeValues must not be empty");
            }
            readValues(attributeValues);
        }
    }

    private void readValues(JsonNode attributeValues) {
        Iterator<Map.Entry<String, JsonNode>> fields = attributeValues.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> value = fields.next();
            values.put(value.getKey(), AttributeValues.normalise(value.getValue()));
        }
    }

    String name(String placeholder, String expressionKind) {
        String name = names.get(placeholder);
        if (name == null) {
            throw ApiException.validation("Invalid " + expressionKind + ": An expression attribute name used in the"
                    + " document path is not defined; attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    JsonNode value(String placeholder, String expressionKind) {
        JsonNode value = values.get(placeholder);
        if (value == null) {
            throw ApiException.validation("Invalid " + expressionKind + ": An expression attribute value used in"
                    + " expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    /** Refuses placeholders that no expression of the request used. */
    public void checkAllUsed() {
        Set<String> unusedNames = new TreeSet<>(names.keySet());
        unusedNames.removeAll(usedNames);
        if (!unusedNames.isEmpty()) {
            throw ApiException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        Set<String> unusedValues = new TreeSet<>(values.keySet());
        unusedValues.removeAll(usedValues);
        if (!unusedValues.isEmpty()) {
            throw ApiException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }
}
