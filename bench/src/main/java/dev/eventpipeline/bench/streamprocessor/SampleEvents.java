package dev.eventpipeline.bench.streamprocessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.StoredEvent;

/**
 * The recorded GitHub events of the shared sample as stored events: subject {@code repos/<owner>/<name>}, sequences
 * counted per subject in file order, {@code data} the event's payload.
 */
final class SampleEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SampleEvents() {
    }

    /**
     * The first sample lines, as many as the run's {@link BenchMode} takes of 7,702 (all of them in a full run), as
     * stored events whose subjects start with {@code prefix}, so runs never share a subject.
     */
    static List<StoredEvent> read(Path sample, String prefix) {
        Map<String, Long> sequences = new HashMap<>();
        try {
            return Files.readAllLines(sample).stream()
                    .limit(BenchMode.current().scaled(7_702))
                    .map(SampleEvents::parse)
                    .map(github -> stored(github, prefix, sequences))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StoredEvent stored(JsonNode github, String prefix, Map<String, Long> sequences) {
        String subject = prefix + "repos/" + github.path("repo").path("name").asText();
        Event event = new Event(github.path("id").asText(), "https://api.github.com", github.path("type").asText(),
                subject, Instant.parse(github.path("created_at").asText()), null, null,
                github.path("payload").toString(), Map.of(), null);
        return event.stored(sequences.merge(subject, 1L, Long::sum), Instant.now());
    }
}
