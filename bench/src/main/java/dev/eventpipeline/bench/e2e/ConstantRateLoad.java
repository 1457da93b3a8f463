package dev.eventpipeline.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.bench.Loopback;

/**
 * An open-loop load: small batches posted to {@code POST /events/batch} {@value #REQUESTS_PER_SECOND} times a second,
 * sized so that the events add up to a constant rate, each request sent at its scheduled moment whether or not earlier
 * ones have been answered, so that a slow answer cannot hold the load back and hide its own delay. Latencies are taken
 * from the scheduled moment. Bounded in count (rate times duration) and in requests in flight
 * ({@value #MAX_IN_FLIGHT}); a request that would pass that bound is skipped and counted.
 * <p>
 * Batches rather than single events: through the local Lambda platform every request costs a Runtime API round trip
 * on top of the events' own writes, so single events would measure the request overhead at a lower sustainable rate
 * than the replay that found the rate.
 */
final class ConstantRateLoad {

    static final int REQUESTS_PER_SECOND = 10;
    private static final int MAX_IN_FLIGHT = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI events;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final LongAdder skipped = new LongAdder();

    ConstantRateLoad(URI httpApi) {
        this.events = Loopback.require(httpApi).resolve("/events/batch");
    }

    /**
     * Posts {@code rate * duration} events, round-robin over the subjects, their {@code data} taken in turn from the
     * lines, and returns when the last answer is in.
     *
     * @return accepted events: {@link StreamWatcher#key} of each to the {@link System#nanoTime()} it was scheduled at
     */
    Map<String, Long> run(double rate, Duration duration, List<String> subjects, List<String> lines) {
        long requests = duration.toSeconds() * REQUESTS_PER_SECOND;
        long interval = 1_000_000_000L / REQUESTS_PER_SECOND;
        double perRequest = rate / REQUESTS_PER_SECOND;
        long start = System.nanoTime();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < requests; i++) {
            // Sizes alternate (e.g. 5, 6, 6, 5, ...) so that the events add up to the rate exactly.
            int size = (int) (Math.floor((i + 1) * perRequest) - Math.floor(i * perRequest));
            List<String> batch = new ArrayList<>();
            for (int n = 0; n < size; n++, next++) {
                batch.add(envelope(subjects.get(next % subjects.size()), lines.get(next % lines.size())));
            }
            long scheduled = start + i * interval;
            LockSupport.parkNanos(scheduled - System.nanoTime());
            if (!batch.isEmpty()) {
                sent.add(post(scheduled, batch));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture<?>[]::new)).join();
        return Map.copyOf(accepted);
    }

    long refused() {
        return refused.sum();
    }

    long skipped() {
        return skipped.sum();
    }

    private CompletableFuture<?> post(long scheduled, List<String> batch) {
        if (!inFlight.tryAcquire()) {
            skipped.add(batch.size());
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest request = HttpRequest.newBuilder(events)
                .header("Content-Type", "application/cloudevents-batch+json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", batch) + "]"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenAccept(response -> record(scheduled, batch.size(), response))
                .exceptionally(failure -> {
                    refused.add(batch.size());
                    return null;
                })
                .whenComplete((ignored, failure) -> inFlight.release());
    }

    private void record(long scheduled, int size, HttpResponse<byte[]> response) {
        try {
            JsonNode results = JSON.readTree(response.body()).path("results");
            if (response.statusCode() / 100 != 2 || results.size() != size) {
                refused.add(size);
                return;
            }
            for (JsonNode result : results) {
                if (result.path("outcome").asText().equals("accepted")) {
                    accepted.put(StreamWatcher.key(result.path("subject").asText(), result.path("sequence").asLong()),
                            scheduled);
                } else {
                    refused.increment();
                }
            }
        } catch (java.io.IOException e) {
            refused.add(size);
        }
    }

    private static String envelope(String subject, String line) {
        try {
            ObjectNode event = JSON.createObjectNode()
                    .put("specversion", "1.0")
                    .put("id", UUID.randomUUID().toString())
                    .put("source", "https://bench.local/latency")
                    .put("type", "BenchEvent")
                    .put("subject", subject)
                    .put("datacontenttype", "application/json");
            event.set("data", JSON.readTree(line));
            return JSON.writeValueAsString(event);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("a sample line is not JSON", e);
        }
    }
}
