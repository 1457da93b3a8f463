package dev.eventpipeline.bench.projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.StoredEvent;

/**
 * The rows every projection benchmark writes: batches of 10 events, each of its own new stream, with a recorded
 * GitHub payload as data. pgbench builds the same rows in SQL from the batch number (see {@link #PGBENCH_COLUMNS}).
 */
final class BenchRows {

    static final int BATCH_SIZE = 10;
    static final String SOURCE = "/bench";
    static final Instant BASE_TIME = Instant.parse("2015-01-01T00:00:00Z");

    private BenchRows() {
    }

    /** A recorded GitHub payload of median size, the data of every benchmark event. */
    static String payload() {
        try (Stream<String> lines = Files.lines(sampleFile())) {
            ObjectMapper json = new ObjectMapper();
            List<String> payloads = lines.limit(2000).map(line -> {
                try {
                    return json.writeValueAsString(json.readTree(line).path("payload"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted((a, b) -> Integer.compare(a.length(), b.length())).toList();
            return payloads.get(payloads.size() / 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Batch {@code n}: streams {@code prefix n-g}, sequence 1, ids {@code prefix n-g}, types Type0..Type4. */
    static List<StoredEvent> batch(String prefix, long n, String payload) {
        List<StoredEvent> events = new ArrayList<>(BATCH_SIZE);
        Instant receivedAt = Instant.now();
        for (int g = 1; g <= BATCH_SIZE; g++) {
            String key = prefix + n + "-" + g;
            String json = "{\"specversion\":\"1.0\",\"id\":\"" + key + "\",\"source\":\"" + SOURCE
                    + "\",\"type\":\"Type" + (g % 5) + "\",\"subject\":\"" + key + "\",\"time\":\""
                    + BASE_TIME.plusSeconds(n) + "\",\"data\":" + payload + "}";
            events.add(Envelopes.parseStructured(json).stored(1, receivedAt));
        }
        return events;
    }

    static List<List<StoredEvent>> batches(String prefix, int count, String payload) {
        List<List<StoredEvent>> batches = new ArrayList<>(count);
        for (long n = 0; n < count; n++) {
            batches.add(batch(prefix, n, payload));
        }
        return batches;
    }

    private static Path sampleFile() {
        String folder = System.getProperty("shared.data.dir", "../shared/data");
        return Path.of(folder, "gharchive-sample.jsonl");
    }
}
