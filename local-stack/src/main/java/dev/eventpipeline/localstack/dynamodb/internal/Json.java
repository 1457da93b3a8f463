package dev.eventpipeline.localstack.dynamodb.internal;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the endpoint and small helpers to read request members. */
public final class Json {

    /** Shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses a request body; a body that is not a JSON object is a {@code SerializationException}. */
    public static ObjectNode parseRequest(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? object() : MAPPER.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw ApiException.of("SerializationException", 400, "Start of structure or map found where not expected",
                    null);
        }
        throw ApiException.of("SerializationException", 400, "Start of structure or map found where not expected", null);
    }

    /** Writes a response body. */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** Parses JSON text that this endpoint wrote itself (data directory). */
    public static ObjectNode parseStored(String line) {
        try {
            return (ObjectNode) MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable data directory entry: " + e.getMessage(), e);
        }
    }

    static String text(JsonNode request, String member) {
        JsonNode node = request.get(member);
        return node == null || node.isNull() ? null : node.asText();
    }

    static String requiredText(JsonNode request, String member) {
        String value = text(request, member);
        if (value == null) {
            throw ApiException.validation("1 validation error detected: Value null at '" + lowerFirst(member)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static ObjectNode objectMember(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.of("SerializationException", 400, "Unexpected value type in payload for " + member, null);
        }
        return (ObjectNode) node;
    }

    static ArrayNode arrayMember(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.of("SerializationException", 400, "Unexpected value type in payload for " + member, null);
        }
        return (ArrayNode) node;
    }

    static boolean bool(JsonNode request, String member) {
        JsonNode node = request.get(member);
        return node != null && node.asBoolean(false);
    }

    static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
