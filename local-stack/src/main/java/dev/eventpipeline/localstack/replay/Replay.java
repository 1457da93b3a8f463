package dev.eventpipeline.localstack.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The producer tool: replays NDJSON events into the ingest API in batches, keeping each stream in order, with bounded
 * concurrency, progress on standard error, retries of 429 and 503 after {@code Retry-After}, and a summary at the end.
 * <p>
 * Order: every subject is bound to one lane ({@code --concurrency} lanes), and a lane sends its batches one after
 * the other, so events of one subject arrive in file order even with many requests in flight.
 * <p>
 * Exit status: 0 when every event was stored (accepted or duplicate), 2 when some were rejected, 1 when the replay
 * could not run.
 */
public final class Replay {

    /** How often one event is sent before the replay gives up on it: the ingest API asked to retry that often. */
    static final int MAX_ATTEMPTS = 10;
    private static final String BATCH_MEDIA_TYPE = "application/cloudevents-batch+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> POISON = List.of();

    private final ReplayOptions options;
    private final PrintStream out;
    private final FieldMapping mapping;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ReplaySummary summary = new ReplaySummary();
    private final LongAdder read = new LongAdder();

    Replay(ReplayOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.mapping = new FieldMapping(options);
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(ReplayOptions.USAGE);
            return;
        }
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage() + "\n" + ReplayOptions.USAGE);
            System.exit(1);
            return;
        }
        try {
            ReplaySummary summary = new Replay(options, System.err).run();
            System.exit(summary.rejections() == 0 ? 0 : 2);
        } catch (ReplayException e) {
            System.err.println("replay: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Replays everything the options name and returns the counts; prints progress every two seconds and the summary
     * at the end.
     *
     * @throws ReplayException when the replay cannot go on, e.g. nothing answers at the URL
     */
    public static ReplaySummary replay(ReplayOptions options, PrintStream progress) {
        return new Replay(options, progress).run();
    }

    ReplaySummary run() {
        long start = System.nanoTime();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(() -> out.println(summary.progress(read.sum(), seconds(start))), 2, 2,
                TimeUnit.SECONDS);
        List<BlockingQueue<List<String>>> lanes = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(options.concurrency());
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int i = 0; i < options.concurrency(); i++) {
                BlockingQueue<List<String>> lane = new ArrayBlockingQueue<>(4);
                lanes.add(lane);
                running.add(senders.submit(() -> drain(lane)));
            }
            readInto(lanes);
            for (Future<?> lane : running) {
                lane.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof ReplayException replay ? replay : new ReplayException(e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted");
        } finally {
            senders.shutdownNow();
            progress.shutdownNow();
        }
        out.println(summary.progress(read.sum(), seconds(start)));
        if (summary.rejections() > 0) {
            out.println("rejected events by reason:\n" + summary.reasons());
        }
        return summary;
    }

    private void readInto(List<BlockingQueue<List<String>>> lanes) throws InterruptedException {
        List<List<String>> batches = new ArrayList<>();
        lanes.forEach(lane -> batches.add(new ArrayList<>()));
        try (BufferedReader reader = options.file() == null
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(options.file(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                read.increment();
                FieldMapping.Mapped mapped;
                try {
                    mapped = mapping.map(line);
                } catch (IllegalArgumentException e) {
                    summary.countRejected("not sent: " + e.getMessage());
                    continue;
                }
                int lane = Math.floorMod(mapped.subject().hashCode(), lanes.size());
                List<String> batch = batches.get(lane);
                batch.add(mapped.envelope());
                if (batch.size() == options.batchSize()) {
                    lanes.get(lane).put(List.copyOf(batch));
                    batch.clear();
                }
            }
        } catch (IOException e) {
            throw new ReplayException("cannot read " + (options.file() == null ? "standard input" : options.file())
                    + ": " + e.getMessage());
        } finally {
            for (int i = 0; i < lanes.size(); i++) {
                if (!batches.get(i).isEmpty()) {
                    lanes.get(i).put(List.copyOf(batches.get(i)));
                }
                lanes.get(i).put(POISON);
            }
        }
    }

    private Void drain(BlockingQueue<List<String>> lane) throws InterruptedException {
        List<String> batch;
        while ((batch = lane.take()) != POISON) {
            send(batch, 1);
        }
        return null;
    }

    /** Sends one batch; events the API asks to retry are sent again, in order, before the lane moves on. */
    private void send(List<String> events, int attempt) throws InterruptedException {
        HttpResponse<String> response = post(events);
        int status = response.statusCode();
        if (status == 429 || status == 503) {
            retryLater(events, attempt, response, "HTTP " + status);
        } else if (status == 413 && events.size() > 1) {
            send(events.subList(0, events.size() / 2), attempt);
            send(events.subList(events.size() / 2, events.size()), attempt);
        } else if (status / 100 != 2) {
            events.forEach(event -> summary.countRejected("HTTP " + status + ": " + problemTitle(response.body())));
        } else {
            List<String> again = record(events, response.body());
            if (!again.isEmpty()) {
                retryLater(again, attempt, response, "per-event 429/503");
            }
        }
    }

    private void retryLater(List<String> events, int attempt, HttpResponse<String> response, String why)
            throws InterruptedException {
        if (attempt >= MAX_ATTEMPTS) {
            events.forEach(event -> summary.countRejected("gave up after " + MAX_ATTEMPTS + " attempts: " + why));
            return;
        }
        summary.countRetried(events.size());
        Thread.sleep(retryAfterMillis(response));
        send(events, attempt + 1);
    }

    /** Counts each event's result; returns the events the API asked to send again. */
    private List<String> record(List<String> events, String body) {
        JsonNode results = readJson(body).path("results");
        List<String> again = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode result = results.path(i);
            int status = result.path("status").asInt();
            switch (result.path("outcome").asText()) {
                case "accepted" -> summary.countAccepted();
                case "duplicate" -> summary.countDuplicate();
                default -> {
                    if (status == 429 || status == 503) {
                        again.add(events.get(i));
                    } else {
                        summary.countRejected(status + " " + firstError(result));
                    }
                }
            }
        }
        return again;
    }

    private HttpResponse<String> post(List<String> events) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(options.url())
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", BATCH_MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", events) + "]", StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new ReplayException("nothing answers at " + options.url() + "; start the pipeline with ./run-local.sh");
        } catch (IOException e) {
            throw new ReplayException("sending to " + options.url() + " failed: " + e);
        }
    }

    private static long retryAfterMillis(HttpResponse<String> response) {
        String header = response.headers().firstValue("Retry-After").orElse("1");
        try {
            return Math.min(Long.parseLong(header.trim()), 30) * 1000;
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static String firstError(JsonNode result) {
        JsonNode error = result.path("errors").path(0);
        if (error.isMissingNode()) {
            return result.path("outcome").asText("rejected");
        }
        String field = error.path("field").asText();
        return error.path("code").asText() + (field.isEmpty() ? "" : " (" + field + ")");
    }

    private static String problemTitle(String body) {
        JsonNode problem = readJson(body);
        return problem.path("title").asText(body.length() > 80 ? body.substring(0, 80) : body);
    }

    private static JsonNode readJson(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The replay cannot go on: the message says why and what to do. */
    public static final class ReplayException extends RuntimeException {
        ReplayException(String message) {
            super(message);
        }
    }
}
