package dev.eventpipeline.model;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.eventpipeline.model.internal.JsonText;

/**
 * The CloudEvents JSON (structured mode) text of an event, as the pipeline writes it: context attributes first, then
 * extensions in the order sent, then {@code data} copied as text. A stored event carries two more extension
 * attributes, {@value Envelopes#SEQUENCE} (a JSON number) and {@value Envelopes#RECEIVED_AT} (RFC 3339).
 */
public final class EventJson {

    private EventJson() {
    }

    /** The event as sent, without what the pipeline assigns. */
    public static String write(Event event) {
        return write(event, null, null);
    }

    /** The event as stored: the body of its SQS message. */
    public static String write(StoredEvent stored) {
        return write(stored.event(), stored.sequence(), stored.receivedAt());
    }

    /**
     * Reads the text that {@link #write(StoredEvent)} wrote.
     *
     * @throws InvalidEventException when the text is not a stored event
     */
    public static StoredEvent readStored(String json) {
        return Envelopes.parseStored(json);
    }

    private static String write(Event event, Long sequence, Instant receivedAt) {
        StringWriter out = new StringWriter(256 + (event.data() == null ? 0 : event.data().length()));
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("specversion", event.specversion());
            g.writeStringField("id", event.id());
            g.writeStringField("source", event.source());
            g.writeStringField("type", event.type());
            g.writeStringField("subject", event.subject());
            writeIfPresent(g, "time", event.time() == null ? null : Timestamps.format(event.time()));
            writeIfPresent(g, "datacontenttype", event.datacontenttype());
            writeIfPresent(g, "dataschema", event.dataschema());
            for (var extension : event.extensions().entrySet()) {
                g.writeFieldName(extension.getKey());
                writeExtensionValue(g, extension.getValue());
            }
            if (sequence != null) {
                g.writeNumberField(Envelopes.SEQUENCE, sequence);
                g.writeStringField(Envelopes.RECEIVED_AT, Timestamps.format(receivedAt));
            }
            if (event.data() != null) {
                g.writeFieldName("data");
                g.writeRawValue(event.data());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void writeExtensionValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Integer number) {
            g.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            g.writeBoolean(flag);
        } else {
            g.writeString(value.toString());
        }
    }
}
