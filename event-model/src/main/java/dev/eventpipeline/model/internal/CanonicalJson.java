package dev.eventpipeline.model.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.Timestamps;

/**
 * The canonical form behind {@link Event#digest()}: one JSON object of all content attributes with keys sorted, and
 * {@code data} with object keys sorted at every level, strings re-escaped one way, and numbers as written.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String digest(Event event) {
        return "sha256:" + Digests.sha256Hex(canonical(event));
    }

    static String canonical(Event event) {
        Map<String, String> members = new TreeMap<>();
        members.put("specversion", quote(event.specversion()));
        members.put("id", quote(event.id()));
        members.put("source", quote(event.source()));
        members.put("type", quote(event.type()));
        members.put("subject", quote(event.subject()));
        putIfPresent(members, "time", event.time() == null ? null : Timestamps.format(event.time()));
        putIfPresent(members, "datacontenttype", event.datacontenttype());
        putIfPresent(members, "dataschema", event.dataschema());
        event.extensions().forEach((name, value) -> members.put("ext:" + name,
                value instanceof String text ? quote(text) : value.toString()));
        if (event.data() != null) {
            members.put("data", canonicalValue(event.data()));
        }
        return object(members);
    }

    private static void putIfPresent(Map<String, String> members, String name, String value) {
        if (value != null) {
            members.put(name, quote(value));
        }
    }

    private static String canonicalValue(String json) {
        try (JsonParser p = JsonText.FACTORY.createParser(json)) {
            p.nextToken();
            return canonicalValue(p);
        } catch (IOException e) {
            throw new UncheckedIOException("data was validated before its digest is taken", e);
        }
    }

    private static String canonicalValue(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, String> members = new TreeMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                members.put(name, canonicalValue(p));
            }
            return object(members);
        }
        if (token == JsonToken.START_ARRAY) {
            StringBuilder array = new StringBuilder("[");
            while (p.nextToken() != JsonToken.END_ARRAY) {
                array.append(array.length() > 1 ? "," : "").append(canonicalValue(p));
            }
            return array.append(']').toString();
        }
        return token == JsonToken.VALUE_STRING ? quote(p.getText()) : p.getText();
    }

    private static String object(Map<String, String> members) {
        StringBuilder object = new StringBuilder("{");
        members.forEach((name, value) -> object.append(object.length() > 1 ? "," : "")
                .append(quote(name)).append(':').append(value));
        return object.append('}').toString();
    }

    private static String quote(String text) {
        StringWriter out = new StringWriter(text.length() + 2);
        try (JsonGenerator g = JsonText.FACTORY.createGenerator(out)) {
            g.writeString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

}
