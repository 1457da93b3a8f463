package dev.eventpipeline.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where the latency of the open-loop run went, event by event, from the timestamps the pipeline keeps with each event:
 * from the scheduled POST to ingest's {@code receivedAt} (the HTTP API, the Lambda runtime, ingest's writes), from
 * there to the projection's {@code projectedAt} (the DynamoDB stream, the stream processor, SQS, the projection's
 * commit), and from there to the moment the watcher saw it (the query API and the watcher's round). All processes run
 * on this machine and read the same clock.
 */
final class LatencyBreakdown {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event's three parts, in milliseconds. */
    record Parts(double accepted, double committed, double seen) {

        double total() {
            return accepted + committed + seen;
        }
    }

    private final URI queryApi;
    private final HttpClient http;
    private final long nanoOrigin = System.nanoTime();
    private final Instant wallOrigin = Instant.now();

    LatencyBreakdown(URI queryApi, HttpClient http) {
        this.queryApi = queryApi;
        this.http = http;
    }

    /**
     * The mean parts of the slowest 1% of the events and of all of them, as one line for the table's facts.
     *
     * @param accepted each event's key ({@link StreamWatcher#key}) to its scheduled {@link System#nanoTime()}
     */
    String describe(Map<String, Long> accepted, StreamWatcher watcher, List<String> subjects)
            throws IOException, InterruptedException {
        Map<String, JsonNode> stored = new HashMap<>();
        for (String subject : subjects) {
            readStream(subject, stored);
        }
        List<Parts> parts = new ArrayList<>();
        accepted.forEach((key, scheduled) -> {
            JsonNode event = stored.get(key);
            Long visible = watcher.visibleAt(key);
            if (event != null && visible != null) {
                double receivedAt = millis(Instant.parse(event.path("receivedAt").asText()));
                double projectedAt = millis(Instant.parse(event.path("projectedAt").asText()));
                parts.add(new Parts(receivedAt - sinceOrigin(scheduled), projectedAt - receivedAt,
                        sinceOrigin(visible) - projectedAt));
            }
        });
        parts.sort(Comparator.comparingDouble(Parts::total).reversed());
        List<Parts> tail = parts.subList(0, Math.max(1, parts.size() / 100));
        return String.format("slowest 1%% (%d events): %s; all %d events: %s", tail.size(), mean(tail), parts.size(),
                mean(parts));
    }

    private static String mean(List<Parts> parts) {
        double accepted = parts.stream().mapToDouble(Parts::accepted).average().orElse(Double.NaN);
        double committed = parts.stream().mapToDouble(Parts::committed).average().orElse(Double.NaN);
        double seen = parts.stream().mapToDouble(Parts::seen).average().orElse(Double.NaN);
        return String.format("POST to accepted %.0f ms, accepted to projected %.0f ms, projected to seen %.0f ms (mean)",
                accepted, committed, seen);
    }

    private double sinceOrigin(long nanoTime) {
        return (nanoTime - nanoOrigin) / 1e6;
    }

    private double millis(Instant instant) {
        return (instant.getEpochSecond() - wallOrigin.getEpochSecond()) * 1e3
                + (instant.getNano() - wallOrigin.getNano()) / 1e6;
    }

    /** Every event of the stream, page by page, keyed as the watcher keys them. */
    private void readStream(String subject, Map<String, JsonNode> stored) throws IOException, InterruptedException {
        String path = StreamWatcher.streamPath(subject) + "/events";
        long from = 1;
        while (from > 0) {
            HttpRequest request = HttpRequest.newBuilder(queryApi.resolve(path + "?limit=1000&fromSequence=" + from))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
            }
            JsonNode page = JSON.readTree(response.body());
            for (JsonNode event : page.path("events")) {
                stored.put(StreamWatcher.key(subject, event.path("sequence").asLong()), event);
            }
            from = page.path("nextFromSequence").asLong(0);
        }
    }
}
