package dev.eventpipeline.projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.StoredEvent;

/** Stored events for the tests, made with the event model as ingest makes them. */
final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    /** A stored event with the given data text, sent exactly as written. */
    static StoredEvent stored(String subject, long sequence, String source, String id, String type, String time,
            String data) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"type\":\"" + type
                + "\",\"subject\":\"" + subject + "\"" + (time == null ? "" : ",\"time\":\"" + time + "\"")
                + (data == null ? "" : ",\"data\":" + data) + "}";
        return Envelopes.parseStructured(json).stored(sequence, Instant.now());
    }

    /** A small event of one stream; {@code source} tells the tests' events apart. */
    static StoredEvent stored(String subject, long sequence, String source) {
        return stored(subject, sequence, source, subject + "-" + sequence, "com.example.Tested",
                "2015-01-01T00:00:00Z", "{\"sequence\":" + sequence + "}");
    }

    /**
     * Recorded GitHub events as CloudEvents: {@code subject} is the repository (prefixed, so each test has its own
     * streams), {@code type} the GitHub event type, {@code data} the payload; sequences per repository in file order.
     */
    static List<StoredEvent> gharchive(String prefix, int count) {
        Map<String, Long> sequences = new HashMap<>();
        List<StoredEvent> events = new ArrayList<>();
        try (Stream<String> lines = Files.lines(Path.of(System.getProperty("shared.data.dir"), "gharchive-sample.jsonl"))) {
            lines.limit(count).forEach(line -> events.add(gharchive(prefix, line, sequences)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static StoredEvent gharchive(String prefix, String line, Map<String, Long> sequences) {
        try {
            JsonNode github = JSON.readTree(line);
            String subject = prefix + github.path("repo").path("name").asText();
            long sequence = sequences.merge(subject, 1L, Long::sum);
            return stored(subject, sequence, "https://github.com/" + prefix, github.path("id").asText(),
                    github.path("type").asText(), github.path("created_at").asText(),
                    JSON.writeValueAsString(github.path("payload")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
