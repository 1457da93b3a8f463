package dev.eventpipeline.model;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.model.internal.JsonText;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's JSON wire form of items ({@code {"S": "..."}}, {@code {"N": "..."}}, ...), as the low-level API and
 * DynamoDB Streams records that Lambda delivers spell them, read into and written from the AWS SDK's
 * {@link AttributeValue}.
 * <p>
 * Numbers stay the strings DynamoDB sent (38 digits survive), binary values are base64 in JSON and raw bytes in
 * {@link SdkBytes} (never encoded twice), and {@code NULL} stays a null marker.
 */
public final class DynamoDbJson {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonText.FACTORY);

    private DynamoDbJson() {
    }

    /**
     * Reads an item such as a stream record's {@code NewImage}.
     *
     * @throws IllegalArgumentException when a value is not a DynamoDB attribute value
     */
    public static Map<String, AttributeValue> readItem(JsonNode item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            attributes.put(field.getKey(), readValue(field.getValue(), field.getKey()));
        }
        return attributes;
    }

    /** Reads an item from JSON text. */
    public static Map<String, AttributeValue> readItem(String json) {
        try {
            return readItem(MAPPER.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /** Writes an item as DynamoDB JSON text. */
    public static String writeItem(Map<String, AttributeValue> item) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(out)) {
            writeItem(g, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        for (var attribute : item.entrySet()) {
            g.writeFieldName(attribute.getKey());
            writeValue(g, attribute.getValue());
        }
        g.writeEndObject();
    }

    private static AttributeValue readValue(JsonNode node, String path) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("'" + path + "' is not a DynamoDB attribute value: expected an object with"
                    + " one type key such as {\"S\": \"text\"}");
        }
        Map.Entry<String, JsonNode> typed = node.fields().next();
        JsonNode value = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(value.asText());
            case "N" -> AttributeValue.fromN(value.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText())));
            case "BOOL" -> AttributeValue.fromBool(value.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(value));
            case "NS" -> AttributeValue.fromNs(texts(value));
            case "BS" -> AttributeValue.fromBs(texts(value).stream()
                    .map(text -> SdkBytes.fromByteArray(Base64.getDecoder().decode(text)))
                    .toList());
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    list.add(readValue(value.get(i), path + "[" + i + "]"));
                }
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(readItem(value));
            default -> throw new IllegalArgumentException("'" + path + "' has the unknown DynamoDB type '"
                    + typed.getKey() + "'");
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>(array.size());
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    private static void writeValue(JsonGenerator g, AttributeValue value) throws IOException {
        g.writeStartObject();
        switch (value.type()) {
            case S -> g.writeStringField("S", value.s());
            case N -> g.writeStringField("N", value.n());
            case B -> g.writeStringField("B", base64(value.b()));
            case BOOL -> g.writeBooleanField("BOOL", value.bool());
            case NUL -> g.writeBooleanField("NULL", true);
            case SS -> writeTexts(g, "SS", value.ss());
            case NS -> writeTexts(g, "NS", value.ns());
            case BS -> writeTexts(g, "BS", value.bs().stream().map(DynamoDbJson::base64).toList());
            case L -> {
                g.writeArrayFieldStart("L");
                for (AttributeValue element : value.l()) {
                    writeValue(g, element);
                }
                g.writeEndArray();
            }
            case M -> {
                g.writeFieldName("M");
                writeItem(g, value.m());
            }
            default -> throw new IllegalArgumentException("an attribute value without a type: " + value);
        }
        g.writeEndObject();
    }

    private static void writeTexts(JsonGenerator g, String type, List<String> texts) throws IOException {
        g.writeArrayFieldStart(type);
        for (String text : texts) {
            g.writeString(text);
        }
        g.writeEndArray();
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
