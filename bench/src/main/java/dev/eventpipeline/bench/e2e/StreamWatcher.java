package dev.eventpipeline.bench.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.bench.Loopback;

/**
 * Notes when each event of a few streams becomes queryable, through the analysts' API only: it asks
 * {@code GET /streams/{subject}} for each stream in turn and records the moment a stream's {@code lastSequence}
 * first covers a sequence. The projection applies a stream in order and without gaps, so every sequence up to the
 * last is queryable then. The moment is late by at most one round over the streams ({@link #meanRoundMillis()}).
 */
final class StreamWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI queryApi;
    private final List<String> subjects;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> visibleAt = new ConcurrentHashMap<>();
    private final AtomicLong rounds = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private final long started = System.nanoTime();

    StreamWatcher(URI queryApi, List<String> subjects) {
        this.queryApi = Loopback.require(queryApi);
        this.subjects = List.copyOf(subjects);
        this.thread = new Thread(this::watch, "stream-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** The key an event is known by: its stream and sequence. */
    static String key(String subject, long sequence) {
        return subject + "#" + sequence;
    }

    /** The query API's path of a stream: {@code /streams/} and the subject as one encoded path segment. */
    static String streamPath(String subject) {
        return "/streams/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** When the event with this key was first seen queryable ({@link System#nanoTime()}), or {@code null}. */
    Long visibleAt(String key) {
        return visibleAt.get(key);
    }

    double meanRoundMillis() {
        long done = rounds.get();
        return done == 0 ? 0 : (System.nanoTime() - started) / 1e6 / done;
    }

    private void watch() {
        while (running) {
            for (String subject : subjects) {
                long last = lastSequence(subject);
                long now = System.nanoTime();
                long seen = lastSeen.getOrDefault(subject, 0L);
                for (long sequence = seen + 1; sequence <= last; sequence++) {
                    visibleAt.put(key(subject, sequence), now);
                }
                lastSeen.put(subject, Math.max(seen, last));
            }
            rounds.incrementAndGet();
        }
    }

    private long lastSequence(String subject) {
        HttpRequest request = HttpRequest.newBuilder(queryApi.resolve(streamPath(subject)))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("lastSequence").asLong() : 0;
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
