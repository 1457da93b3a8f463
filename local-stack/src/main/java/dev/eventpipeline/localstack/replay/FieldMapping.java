package dev.eventpipeline.localstack.replay;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Maps one NDJSON line onto a CloudEvents envelope with JSON paths such as {@code $.repo.name} or
 * {@code $.items[0].id}.
 * <p>
 * With the data path {@code $} (the default) the line itself becomes {@code data}, byte for byte. Any other data path
 * copies that part of the line through a JSON tree: its values are kept, but a number may be spelled differently
 * ({@code 1e3} becomes {@code 1E+3}).
 */
final class FieldMapping {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final JsonPath id;
    private final JsonPath type;
    private final JsonPath subject;
    private final JsonPath time;
    private final JsonPath source;
    private final String fixedSource;
    private final JsonPath data;

    FieldMapping(ReplayOptions options) {
        this.id = JsonPath.parse(options.idPath());
        this.type = JsonPath.parse(options.typePath());
        this.subject = JsonPath.parse(options.subjectPath());
        this.time = options.timePath() == null ? null : JsonPath.parse(options.timePath());
        this.source = options.sourcePath() == null ? null : JsonPath.parse(options.sourcePath());
        this.fixedSource = options.fixedSource();
        this.data = JsonPath.parse(options.dataPath());
    }

    /** A mapped line: the envelope's subject (to keep each stream in order) and its JSON text. */
    record Mapped(String subject, String envelope) {
    }

    /**
     * @throws IllegalArgumentException with the reason, when the line is not JSON or lacks a mapped field
     */
    Mapped map(String line) {
        JsonNode node = readLine(line);
        String subjectValue = text(node, subject, "subject");
        StringBuilder envelope = new StringBuilder(line.length() + 256)
                .append("{\"specversion\":\"1.0\",\"id\":").append(quote(text(node, id, "id")))
                .append(",\"source\":").append(quote(source == null ? fixedSource : text(node, source, "source")))
                .append(",\"type\":").append(quote(text(node, type, "type")))
                .append(",\"subject\":").append(quote(subjectValue));
        if (time != null) {
            envelope.append(",\"time\":").append(quote(text(node, time, "time")));
        }
        envelope.append(",\"data\":").append(data.isRoot() ? line : write(data.select(node)));
        return new Mapped(subjectValue, envelope.append('}').toString());
    }

    private static JsonNode readLine(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the line is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, JsonPath path, String attribute) {
        JsonNode value = path.select(node);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new IllegalArgumentException("no " + attribute + " at " + path + " (a string or number is needed)");
        }
        return value.asText();
    }

    private static String write(JsonNode node) {
        try {
            return node == null ? "null" : MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A dotted path with optional array indexes: {@code $}, {@code $.a.b}, {@code a.b[2]}. */
    record JsonPath(String text, List<Object> steps) {

        static JsonPath parse(String text) {
            String path = text.startsWith("$") ? text.substring(1) : "." + text;
            List<Object> steps = new ArrayList<>();
            for (String part : path.split("\\.", -1)) {
                if (part.isEmpty()) {
                    continue;
                }
                int bracket = part.indexOf('[');
                steps.add(bracket < 0 ? part : part.substring(0, bracket));
                while (bracket >= 0) {
                    int close = part.indexOf(']', bracket);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed [ in the JSON path " + text);
                    }
                    steps.add(Integer.parseInt(part.substring(bracket + 1, close)));
                    bracket = part.indexOf('[', close);
                }
            }
            steps.removeIf(step -> step instanceof String name && name.isEmpty());
            return new JsonPath(text, List.copyOf(steps));
        }

        boolean isRoot() {
            return steps.isEmpty();
        }

        JsonNode select(JsonNode node) {
            JsonNode current = node;
            for (Object step : steps) {
                if (current == null) {
                    return null;
                }
                current = step instanceof Integer index ? current.get(index) : current.get((String) step);
            }
            return current;
        }

        @Override
        public String toString() {
            return text;
        }
    }

}
