package dev.eventpipeline.model;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.eventpipeline.model.internal.JsonText;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The events-table item of a stored event. Attribute names and types:
 * <table>
 * <tr>
 * <th>attribute</th>
 * <th>type</th>
 * <th>holds</th>
 * </tr>
 * <tr>
 * <td>{@value #SUBJECT}</td>
 * <td>S</td>
 * <td>partition key: the stream</td>
 * </tr>
 * <tr>
 * <td>{@value #SEQUENCE}</td>
 * <td>N</td>
 * <td>sort key: position in the stream, from 1</td>
 * </tr>
 * <tr>
 * <td>{@value #ID}, {@value #SOURCE}, {@value #TYPE}, {@value #SPECVERSION}</td>
 * <td>S</td>
 * <td>as sent</td>
 * </tr>
 * <tr>
 * <td>{@value #TIME}</td>
 * <td>S</td>
 * <td>RFC 3339 UTC; absent when the event has no time</td>
 * </tr>
 * <tr>
 * <td>{@value #DATACONTENTTYPE}, {@value #DATASCHEMA}</td>
 * <td>S</td>
 * <td>absent when not sent</td>
 * </tr>
 * <tr>
 * <td>{@value #DATA}</td>
 * <td>S</td>
 * <td>the JSON text of {@code data}; absent without data</td>
 * </tr>
 * <tr>
 * <td>{@value #EXTENSIONS}</td>
 * <td>S</td>
 * <td>extension attributes as one JSON object; absent when none</td>
 * </tr>
 * <tr>
 * <td>{@value #RECEIVED_AT}</td>
 * <td>S</td>
 * <td>RFC 3339 UTC: when ingest accepted the event</td>
 * </tr>
 * <tr>
 * <td>{@value #DIGEST}</td>
 * <td>S</td>
 * <td>{@link Event#digest()}</td>
 * </tr>
 * </table>
 * {@code data} is a string rather than a DynamoDB map because DynamoDB numbers hold 38 digits and maps lose key order;
 * the text keeps both.
 */
public final class EventItem {

    public static final String SUBJECT = "subject";
    public static final String SEQUENCE = "sequence";
    public static final String ID = "id";
    public static final String SOURCE = "source";
    public static final String TYPE = "type";
    public static final String SPECVERSION = "specversion";
    public static final String TIME = "time";
    public static final String DATACONTENTTYPE = "datacontenttype";
    public static final String DATASCHEMA = "dataschema";
    public static final String DATA = "data";
    public static final String EXTENSIONS = "extensions";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String DIGEST = "digest";

    private EventItem() {
    }

    public static Map<String, AttributeValue> toItem(StoredEvent stored) {
        Event event = stored.event();
        Map<String, AttributeValue> item = new HashMap<>(EventTables.eventKey(event.subject(), stored.sequence()));
        item.put(ID, AttributeValue.fromS(event.id()));
        item.put(SOURCE, AttributeValue.fromS(event.source()));
        item.put(TYPE, AttributeValue.fromS(event.type()));
        item.put(SPECVERSION, AttributeValue.fromS(event.specversion()));
        putIfPresent(item, TIME, event.time() == null ? null : Timestamps.format(event.time()));
        putIfPresent(item, DATACONTENTTYPE, event.datacontenttype());
        putIfPresent(item, DATASCHEMA, event.dataschema());
        putIfPresent(item, DATA, event.data());
        putIfPresent(item, EXTENSIONS, event.extensions().isEmpty() ? null : writeExtensions(event.extensions()));
        item.put(RECEIVED_AT, AttributeValue.fromS(Timestamps.format(stored.receivedAt())));
        item.put(DIGEST, AttributeValue.fromS(event.digest()));
        return item;
    }

    /**
     * Reads an item written by {@link #toItem}.
     *
     * @throws IllegalArgumentException naming the attribute when the item is not an event item
     */
    public static StoredEvent fromItem(Map<String, AttributeValue> item) {
        String time = optional(item, TIME);
        String extensions = optional(item, EXTENSIONS);
        Event event = new Event(
                required(item, ID),
                required(item, SOURCE),
                required(item, TYPE),
                required(item, SUBJECT),
                time == null ? null : Timestamps.parse(time),
                optional(item, DATACONTENTTYPE),
                optional(item, DATASCHEMA),
                optional(item, DATA),
                extensions == null ? Map.of() : readExtensions(extensions),
                null);
        long sequence = Long.parseLong(requiredAttribute(item, SEQUENCE).n());
        Instant receivedAt = Timestamps.parse(required(item, RECEIVED_AT));
        return new StoredEvent(event, sequence, receivedAt);
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String required(Map<String, AttributeValue> item, String name) {
        String value = requiredAttribute(item, name).s();
        if (value == null) {
            throw new IllegalArgumentException("attribute '" + name + "' of an event item must be of type S");
        }
        return value;
    }

    private static AttributeValue requiredAttribute(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new IllegalArgumentException("not an event item: attribute '" + name + "' is missing");
        }
        return value;
    }

    private static String optional(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? required(item, name) : null;
    }

    private static String writeExtensions(Map<String, Object> extensions) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            for (var extension : extensions.entrySet()) {
                g.writeFieldName(extension.getKey());
                EventJson.writeExtensionValue(g, extension.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, Object> readExtensions(String json) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        try (JsonParser p = JsonText.FACTORY.createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                extensions.put(name, switch (value) {
                    case VALUE_NUMBER_INT -> p.getIntValue();
                    case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
                    default -> p.getText();
                });
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("attribute '" + EXTENSIONS + "' is not a JSON object: " + e.getMessage(), e);
        }
        return extensions;
    }
}
