package dev.eventpipeline.localstack.dynamodb.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DynamoDB attribute values in their JSON wire form ({@code {"S": "x"}}): validation with DynamoDB's messages,
 * number normalisation, the item size as DynamoDB counts it, ordering and equality.
 * <p>
 * Values returned by {@link #normalise} are new nodes that are never changed afterwards, so stored items can be
 * shared between readers without copying.
 */
public final class AttributeValues {

    /** DynamoDB's item size limit, 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS");
    private static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;

    private AttributeValues() {
    }

    /** The type member of a value: S, N, B, BOOL, NULL, L, M, SS, NS or BS. */
    public static String type(JsonNode value) {
        return value.fieldNames().next();
    }

    /** Validates and normalises a whole item (or key) sent by a client. */
    public static ObjectNode normaliseItem(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw ApiException.validation("One or more parameter values were invalid: Missing the key or item");
        }
        ObjectNode normalised = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            normalised.set(field.getKey(), normalise(field.getValue()));
        }
        return normalised;
    }

    /** Like {@link #normaliseItem} for an optional member such as ExclusiveStartKey. */
    public static ObjectNode normaliseItemOrNull(JsonNode item) {
        return item == null || item.isNull() ? null : normaliseItem(item);
    }

    /** Validates one attribute value and returns its normalised form. */
    public static JsonNode normalise(JsonNode value) {
        String type = singleType(value);
        JsonNode content = value.get(type);
        return switch (type) {
            case "S" -> wrap(type, NODES.textNode(text(content, type)));
            case "N" -> wrap(type, NODES.textNode(normaliseNumber(text(content, type))));
            case "B" -> wrap(type, NODES.textNode(normaliseBinary(text(content, type))));
            case "BOOL" -> wrap(type, NODES.booleanNode(bool(content)));
            case "NULL" -> wrap(type, NODES.booleanNode(nullMarker(content)));
            case "L" -> wrap(type, normaliseList(content));
            case "M" -> wrap(type, normaliseMap(content));
            default -> wrap(type, normaliseSet(type, content));
        };
    }

    private static String singleType(JsonNode value) {
        if (value == null || !value.isObject() || value.size() == 0) {
            throw ApiException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (value.size() > 1) {
            throw ApiException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        String type = value.fieldNames().next();
        if (!TYPES.contains(type)) {
            throw ApiException.of("SerializationException", 400, "Unknown attribute value type: " + type, null);
        }
        return type;
    }

    private static ObjectNode wrap(String type, JsonNode content) {
        ObjectNode node = NODES.objectNode();
        node.set(type, content);
        return node;
    }

    private static String text(JsonNode content, String type) {
        if (content == null || !content.isTextual()) {
            throw ApiException.of("SerializationException", 400, "Expected a string for attribute value type " + type,
                    null);
        }
        return content.textValue();
    }

    private static boolean bool(JsonNode content) {
        if (content == null || !content.isBoolean()) {
            throw ApiException.of("SerializationException", 400, "Expected a boolean for attribute value type BOOL", null);
        }
        return content.booleanValue();
    }

    private static boolean nullMarker(JsonNode content) {
        if (content == null || !content.isBoolean() || !content.booleanValue()) {
            throw ApiException.validation(
                    "One or more parameter values were invalid: Null attribute value types must have the value of true");
        }
        return true;
    }

    private static ArrayNode normaliseList(JsonNode content) {
        if (content == null || !content.isArray()) {
            throw ApiException.of("SerializationException", 400, "Expected a list for attribute value type L", null);
        }
        ArrayNode list = NODES.arrayNode();
        for (JsonNode element : content) {
            list.add(normalise(element));
        }
        return list;
    }

    private static ObjectNode normaliseMap(JsonNode content) {
        if (content == null || !content.isObject()) {
            throw ApiException.of("SerializationException", 400, "Expected a map for attribute value type M", null);
        }
        return normaliseItem(content);
    }

    private static ArrayNode normaliseSet(String type, JsonNode content) {
        if (content == null || !content.isArray()) {
            throw ApiException.of("SerializationException", 400, "Expected a list for attribute value type " + type,
                    null);
        }
        if (content.isEmpty()) {
            throw ApiException.validation("One or more parameter values were invalid: An " + setTypeName(type)
                    + " set  may not be empty");
        }
        ArrayNode members = NODES.arrayNode();
        Set<String> seen = new HashSet<>();
        for (JsonNode member : content) {
            String normalised = normaliseSetMember(type, text(member, type));
            if (!seen.add(normalised)) {
                throw ApiException.validation("One or more parameter values were invalid: Input collection "
                        + content + " contains duplicates.");
            }
            members.add(normalised);
        }
        return members;
    }

    private static String normaliseSetMember(String type, String member) {
        return switch (type) {
            case "NS" -> normaliseNumber(member);
            case "BS" -> normaliseBinary(member);
            default -> member;
        };
    }

    private static String setTypeName(String type) {
        return switch (type) {
            case "NS" -> "number";
            case "BS" -> "binary";
            default -> "string";
        };
    }

    /**
     * Normalises a number as DynamoDB stores it: no leading or trailing zeros, at most 38 significant digits, magnitude
     * between 1E-130 and 9.99...E+125.
     */
    public static String normaliseNumber(String text) {
        BigDecimal number = parseNumber(text);
        if (number.signum() == 0) {
            return "0";
        }
        number = number.stripTrailingZeros();
        if (number.precision() > MAX_DIGITS) {
            throw ApiException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        int exponent = number.precision() - number.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw ApiException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw ApiException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return number.toPlainString();
    }

    private static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ApiException.validation("A value provided cannot be converted into a number");
        }
    }

    private static String normaliseBinary(String base64) {
        return Base64.getEncoder().encodeToString(decodeBinary(base64));
    }

    /** Decodes a B value's base64 text. */
    public static byte[] decodeBinary(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.of("SerializationException", 400, "Base64 encoded length is expected a multiple of 4 bytes",
                    null);
        }
    }

    /** The number value of an N attribute. */
    public static BigDecimal number(JsonNode value) {
        return new BigDecimal(value.get("N").textValue());
    }

    /** An N attribute holding the number, normalised. */
    public static ObjectNode numberValue(BigDecimal number) {
        return wrap("N", NODES.textNode(normaliseNumber(number.toPlainString())));
    }

    /** An S attribute. */
    public static ObjectNode stringValue(String text) {
        return wrap("S", NODES.textNode(text));
    }

    /** The size of an item as DynamoDB counts it against the 400 KB limit. */
    public static int itemSize(JsonNode item) {
        int size = 0;
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            size += utf8Length(field.getKey()) + valueSize(field.getValue());
        }
        return size;
    }

    /** The size of one value: strings and binaries by their bytes, numbers by their digits, documents with overhead. */
    public static int valueSize(JsonNode value) {
        String type = type(value);
        JsonNode content = value.get(type);
        return switch (type) {
            case "S" -> utf8Length(content.textValue());
            case "N" -> numberSize(content.textValue());
            case "B" -> decodeBinary(content.textValue()).length;
            case "BOOL", "NULL" -> 1;
            case "L" -> listSize(content);
            case "M" -> mapSize(content);
            default -> setSize(type, content);
        };
    }

    private static int numberSize(String number) {
        int digits = new BigDecimal(number).precision();
        return (digits + 1) / 2 + 1;
    }

    private static int listSize(JsonNode list) {
        int size = 3;
        for (JsonNode element : list) {
            size += 1 + valueSize(element);
        }
        return size;
    }

    private static int mapSize(JsonNode map) {
        int size = 3;
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            size += 1 + utf8Length(field.getKey()) + valueSize(field.getValue());
        }
        return size;
    }

    private static int setSize(String type, JsonNode members) {
        int size = 0;
        for (JsonNode member : members) {
            size += switch (type) {
                case "NS" -> numberSize(member.textValue());
                case "BS" -> decodeBinary(member.textValue()).length;
                default -> utf8Length(member.textValue());
            };
        }
        return size;
    }

    /** UTF-8 length without encoding the string. */
    public static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * Orders two scalar values of the same type as DynamoDB does: numbers by value, strings by their UTF-8 bytes,
     * binaries by their unsigned bytes.
     */
    public static int compare(JsonNode left, JsonNode right) {
        String type = type(left);
        return switch (type) {
            case "N" -> number(left).compareTo(number(right));
            case "S" -> compareStrings(left.get("S").textValue(), right.get("S").textValue());
            default -> Arrays.compareUnsigned(decodeBinary(left.get("B").textValue()),
                    decodeBinary(right.get("B").textValue()));
        };
    }

    /** Compares strings by code point, which is the order of their UTF-8 bytes. */
    public static int compareStrings(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }

    /** Whether a value is one DynamoDB can order: S, N or B. */
    public static boolean isScalar(JsonNode value) {
        String type = type(value);
        return "S".equals(type) || "N".equals(type) || "B".equals(type);
    }

    /** Equality as DynamoDB sees it: same type and value, sets regardless of member order. */
    public static boolean equal(JsonNode left, JsonNode right) {
        String type = type(left);
        if (!type.equals(type(right))) {
            return false;
        }
        return switch (type) {
            case "SS", "NS", "BS" -> sameMembers(left.get(type), right.get(type));
            case "L" -> sameElements(left.get(type), right.get(type));
            case "M" -> sameItems(left.get(type), right.get(type));
            default -> left.equals(right);
        };
    }

    private static boolean sameMembers(JsonNode left, JsonNode right) {
        if (left.size() != right.size()) {
            return false;
        }
        Set<JsonNode> members = new HashSet<>();
        left.forEach(members::add);
        for (JsonNode member : right) {
            if (!members.contains(member)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameElements(JsonNode left, JsonNode right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!equal(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether two items hold the same attributes with equal values. */
    public static boolean sameItems(JsonNode left, JsonNode right) {
        if (left.size() != right.size()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = left.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode other = right.get(field.getKey());
            if (other == null || !equal(field.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    /** The string form of a binary or string value used by key size checks. */
    public static int keyValueSize(JsonNode value) {
        String type = type(value);
        return "S".equals(type) ? value.get("S").textValue().getBytes(StandardCharsets.UTF_8).length : valueSize(value);
    }
}
