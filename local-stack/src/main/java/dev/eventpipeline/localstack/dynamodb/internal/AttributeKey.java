package dev.eventpipeline.localstack.dynamodb.internal;

import java.math.BigDecimal;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One key attribute's value (S, N or B) in the order DynamoDB sorts it; {@link #NONE} stands for the missing sort key
 * of a table without one.
 */
public final class AttributeKey implements Comparable<AttributeKey> {

    /** The sort key of items in a table that has only a partition key. */
    public static final AttributeKey NONE = new AttributeKey("", "");

    private final String type;
    private final Object value;

    private AttributeKey(String type, Object value) {
        this.type = type;
        this.value = value;
    }

    /** The key of a normalised S, N or B attribute value. */
    public static AttributeKey of(JsonNode attributeValue) {
        String type = AttributeValues.type(attributeValue);
        String text = attributeValue.get(type).textValue();
        return switch (type) {
            case "N" -> new AttributeKey(type, new BigDecimal(text));
            case "B" -> new AttributeKey(type, AttributeValues.decodeBinary(text));
            default -> new AttributeKey(type, text);
        };
    }

    @Override
    public int compareTo(AttributeKey other) {
        return switch (type) {
            case "N" -> ((BigDecimal) value).compareTo((BigDecimal) other.value);
            case "B" -> Arrays.compareUnsigned((byte[]) value, (byte[]) other.value);
            default -> AttributeValues.compareStrings((String) value, (String) other.value);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttributeKey key && type.equals(key.type) && compareTo(key) == 0;
    }

    @Override
    public int hashCode() {
        return switch (type) {
            case "N" -> ((BigDecimal) value).stripTrailingZeros().hashCode();
            case "B" -> Arrays.hashCode((byte[]) value);
            default -> value.hashCode();
        };
    }

    @Override
    public String toString() {
        return type + ":" + (value instanceof byte[] bytes ? Arrays.toString(bytes) : value);
    }
}
