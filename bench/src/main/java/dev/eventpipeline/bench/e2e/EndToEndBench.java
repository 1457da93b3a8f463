package dev.eventpipeline.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.bench.BenchMains;
import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.BenchReport;
import dev.eventpipeline.bench.Loopback;
import dev.eventpipeline.bench.Row;
import dev.eventpipeline.bench.Scratch;
import dev.eventpipeline.localstack.LocalPipeline;
import dev.eventpipeline.localstack.LocalPipelineOptions;
import dev.eventpipeline.localstack.replay.Replay;
import dev.eventpipeline.localstack.replay.ReplayOptions;
import dev.eventpipeline.localstack.replay.ReplaySummary;

/**
 * The whole pipeline as {@code ./run-local.sh} starts it (from the SAM template, functions and service from their
 * packaged artifacts, on ephemeral ports of 127.0.0.1, in a fresh data directory), measured from the outside:
 * <ul>
 * <li><b>throughput</b>: events per second from the first POST of a replay of the recorded GH Archive hour (with the
 * replay tool's defaults) to the moment the query API counts the last of them; the median of
 * {@value #ROUNDS} rounds after a warm-up round. It is held against the slowest raw stage that
 * {@code PipelineBench} measured earlier in the same run, passed as {@code --slowest-stage NAME FIGURE} (target: at
 * least {@value #THROUGHPUT_TARGET}x);</li>
 * <li><b>latency</b>: from the moment the POST carrying an event is scheduled to the moment the event is queryable, p50
 * and p99 over an open-loop constant-rate load ({@link ConstantRateLoad}) at half the throughput measured, on
 * {@value #LATENCY_STREAMS} streams, after five seconds of the same load that do not count (goal: p99 under one
 * second).</li>
 * </ul>
 * Run on its own, without {@code --slowest-stage}, it reports the latency rows only. The pipeline's log goes to
 * {@code bench/results/end-to-end/pipeline.log}.
 */
public final class EndToEndBench {

    static final int ROUNDS = 3;
    static final double THROUGHPUT_TARGET = 0.35;
    static final int LATENCY_STREAMS = 8;
    static final double LATENCY_GOAL_MS = 1000;
    private static final Duration LATENCY_RUN = Duration.ofSeconds(60);
    private static final Duration LATENCY_WARM_UP = Duration.ofSeconds(5);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);
    /** Events per round: the whole recorded hour in a full run, its first 800 lines in a quick one. */
    private static final int FULL_ROUND = 7_702;
    private static final int QUICK_ROUND = 800;
    /**
     * Enough to compile the hot paths of the functions and the service before the rounds that count; a quick run
     * warms up less and its first round is the slower for it.
     */
    private static final int WARM_UP_EVENTS = BenchMode.current() == BenchMode.QUICK ? 300 : 500;
    private static final Path RESULTS = Path.of("bench", "results", "end-to-end");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Held so that its level stays set: the local platform logs a line per stream batch, which belongs in its log
     * file, not among the benchmark's progress lines.
     */
    private static final java.util.logging.Logger LOCAL_STACK_LOG = java.util.logging.Logger
            .getLogger("dev.eventpipeline.localstack");

    private final BenchMode mode = BenchMode.current();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private URI httpApi;
    private URI queryApi;
    private long projected;

    private EndToEndBench() {
    }

    public static void main(String[] args) {
        BenchMains.runAndExit(() -> new EndToEndBench().run(args));
    }

    private void run(String[] args) throws Exception {
        LOCAL_STACK_LOG.setLevel(java.util.logging.Level.WARNING);
        Path sample = Path.of(System.getProperty("shared.data.dir", "../shared/data"), "gharchive-sample.jsonl");
        List<String> lines = Files.readAllLines(sample, StandardCharsets.UTF_8).stream()
                .limit(mode == BenchMode.QUICK ? QUICK_ROUND : FULL_ROUND)
                .toList();
        Path round = Scratch.file("e2e-round", ".jsonl");
        Files.write(round, lines, StandardCharsets.UTF_8);
        Path warmUp = Scratch.file("e2e-warm-up", ".jsonl");
        Files.write(warmUp, lines.subList(0, Math.min(WARM_UP_EVENTS, lines.size())), StandardCharsets.UTF_8);
        Files.createDirectories(RESULTS);
        Path data = Scratch.directory("e2e-pipeline");
        try (PrintStream log = new PrintStream(Files.newOutputStream(RESULTS.resolve("pipeline.log")), true,
                StandardCharsets.UTF_8);
                LocalPipeline pipeline = LocalPipeline.start(new LocalPipelineOptions(Path.of("").toAbsolutePath(),
                        data, true, false, LocalPipelineOptions.Ports.EPHEMERAL, "us-east-1"), log::println)) {
            httpApi = Loopback.require(URI.create(pipeline.endpoints().get("HTTP API (producers)")));
            queryApi = Loopback.require(URI.create(pipeline.endpoints().get("Query API (analysts)")));
            List<Row> rows = new ArrayList<>();
            double throughput = throughput(warmUp, round, lines.size());
            slowestStage(args).map(stage -> throughputRow(throughput, stage)).ifPresent(rows::add);
            rows.addAll(latency(throughput / 2, lines));
            facts.put("events per round", Integer.toString(lines.size()));
            BenchReport report = new BenchReport(rows, facts, Instant.now());
            System.out.print(report.text());
            report.write(RESULTS);
        }
    }

    /** A warm-up round, then {@value #ROUNDS} rounds; returns the median events/s. */
    private double throughput(Path warmUp, Path round, int events) throws Exception {
        int warmUpEvents = Math.min(WARM_UP_EVENTS, events);
        System.out.printf("bench: end-to-end throughput: warm-up round of %d events%n", warmUpEvents);
        replayAndWait(warmUp, warmUpEvents, "warm-up");
        List<Double> figures = new ArrayList<>();
        for (int i = 1; i <= ROUNDS; i++) {
            double figure = replayAndWait(round, events, "round-" + i);
            figures.add(figure);
            System.out.printf("bench: end-to-end throughput: round %d/%d: %.1f events/s%n", i, ROUNDS, figure);
        }
        facts.put("end-to-end rounds (events/s)", figures.toString());
        return figures.stream().sorted().toList().get(figures.size() / 2);
    }

    /**
     * Replays the file under a source of its own (so every event is new) and waits until the query API counts all of
     * them; returns events per second from the first POST to that moment.
     */
    private double replayAndWait(Path round, int events, String name) throws Exception {
        ReplayOptions options = new ReplayOptions(round, httpApi.resolve("/events/batch"), "$.id", "$.type",
                "$.repo.name", "$.created_at", null, "https://api.github.com/bench/" + name, "$", 100, 4);
        long start = System.nanoTime();
        ReplaySummary summary = Replay.replay(options, new PrintStream(PrintStream.nullOutputStream()));
        if (summary.accepted() != events) {
            throw new IllegalStateException(name + ": the ingest API accepted " + summary.accepted() + " of " + events
                    + " events (duplicates " + summary.duplicates() + ", rejected " + summary.rejections() + ")");
        }
        projected += events;
        awaitProjected(projected, name);
        return events / ((System.nanoTime() - start) / 1e9);
    }

    /** Polls {@code GET /stats/types} (all time) until its counts add up to the expected total. */
    private void awaitProjected(long expected, String name) throws Exception {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long counted = 0;
        while (counted < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + ": the query API counts " + counted + " of " + expected
                        + " events after " + DRAIN_LIMIT.toSeconds() + " s; see " + RESULTS.resolve("pipeline.log"));
            }
            Thread.sleep(20);
            counted = countProjected();
        }
    }

    private long countProjected() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(queryApi.resolve("/stats/types")).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long total = 0;
        for (var type : JSON.readTree(response.body()).path("types")) {
            total += type.path("count").asLong();
        }
        return total;
    }

    private static java.util.Optional<Map.Entry<String, Double>> slowestStage(String[] args) {
        if (args.length == 3 && args[0].equals("--slowest-stage")) {
            return java.util.Optional.of(Map.entry(args[1], Double.parseDouble(args[2])));
        }
        System.out.println("bench: no --slowest-stage given (run PipelineBench for it): no end-to-end throughput ratio");
        return java.util.Optional.empty();
    }

    private static Row throughputRow(double throughput, Map.Entry<String, Double> stage) {
        return new Row("end-to-end events/s, first POST to last queryable", "slowest raw stage: " + stage.getKey(),
                "events/s", throughput, stage.getValue(), throughput / stage.getValue(), THROUGHPUT_TARGET, true,
                List.of(throughput), List.of(stage.getValue()));
    }

    /** The open-loop run at the given rate; returns the p50 and p99 rows. */
    private List<Row> latency(double rate, List<String> lines) throws Exception {
        Duration run = mode == BenchMode.QUICK ? Duration.ofSeconds(15) : LATENCY_RUN;
        List<String> subjects = IntStream.range(0, LATENCY_STREAMS).mapToObj(i -> "bench/latency-" + i).toList();
        System.out.printf("bench: end-to-end latency: %.1f events/s for %d s on %d streams, after %d s of warm-up%n",
                rate, run.toSeconds(), LATENCY_STREAMS, LATENCY_WARM_UP.toSeconds());
        Histogram histogram = new Histogram(60_000_000L, 3);
        LatencyBreakdown breakdown = new LatencyBreakdown(queryApi, http);
        try (StreamWatcher watcher = new StreamWatcher(queryApi, subjects)) {
            // The first seconds open connections and create the streams: not what the rate costs once it runs.
            awaitVisible(watcher, new ConstantRateLoad(httpApi).run(rate, LATENCY_WARM_UP, subjects, lines));
            ConstantRateLoad load = new ConstantRateLoad(httpApi);
            Map<String, Long> accepted = load.run(rate, run, subjects, lines);
            awaitVisible(watcher, accepted);
            accepted.forEach((key, scheduled) -> histogram.recordValue((watcher.visibleAt(key) - scheduled) / 1000));
            facts.put("latency slowest seconds", slowestSeconds(accepted, watcher));
            facts.put("latency parts", breakdown.describe(accepted, watcher, subjects));
            facts.put("latency load", String.format("%.1f events/s for %d s, %d accepted, %d refused, %d skipped",
                    rate, run.toSeconds(), accepted.size(), load.refused(), load.skipped()));
            facts.put("latency watcher round", String.format("%.1f ms (the resolution of the latency figures)",
                    watcher.meanRoundMillis()));
            if (load.refused() > 0 || load.skipped() > 0) {
                throw new IllegalStateException("the latency load was not all accepted: " + facts.get("latency load"));
            }
        }
        System.out.printf("bench: end-to-end latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms; slowest seconds: %s%n",
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0, facts.get("latency slowest seconds"));
        System.out.println("bench: end-to-end latency parts: " + facts.get("latency parts"));
        return List.of(latencyRow("p50", histogram.getValueAtPercentile(50) / 1000.0, rate),
                latencyRow("p99", histogram.getValueAtPercentile(99) / 1000.0, rate));
    }

    /**
     * The three seconds of the run whose events waited longest, with their worst latency: whether a tail comes from one
     * stall or from every second alike.
     */
    private static String slowestSeconds(Map<String, Long> accepted, StreamWatcher watcher) {
        long first = accepted.values().stream().mapToLong(Long::longValue).min().orElse(0);
        Map<Long, Long> worst = new java.util.TreeMap<>();
        accepted.forEach((key, scheduled) -> worst.merge((scheduled - first) / 1_000_000_000L,
                (watcher.visibleAt(key) - scheduled) / 1_000_000L, Math::max));
        return worst.entrySet().stream()
                .sorted(Map.Entry.<Long, Long> comparingByValue().reversed())
                .limit(3)
                .map(second -> String.format("second %d: %d ms", second.getKey(), second.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private void awaitVisible(StreamWatcher watcher, Map<String, Long> accepted) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (accepted.keySet().stream().anyMatch(key -> watcher.visibleAt(key) == null)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("accepted events were not queryable within " + DRAIN_LIMIT.toSeconds()
                        + " s; see " + RESULTS.resolve("pipeline.log"));
            }
            Thread.sleep(50);
        }
    }

    private static Row latencyRow(String percentile, double millis, double rate) {
        return new Row(String.format("end-to-end latency %s at %.0f events/s", percentile, rate),
                "goal: p99 under one second", "ms", millis, LATENCY_GOAL_MS, millis / LATENCY_GOAL_MS, 1.0, false,
                List.of(millis), List.of(LATENCY_GOAL_MS));
    }
}
