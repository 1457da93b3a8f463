package dev.eventpipeline.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.bench.dynamodb.LocalDynamoDbBench;
import dev.eventpipeline.bench.e2e.EndToEndBench;
import dev.eventpipeline.bench.ingest.IngestBench;
import dev.eventpipeline.bench.projection.LookupBench;
import dev.eventpipeline.bench.projection.ProjectionStartupBench;
import dev.eventpipeline.bench.projection.ProjectionWriterBench;
import dev.eventpipeline.bench.projection.QueueDrainBench;
import dev.eventpipeline.bench.streamprocessor.StreamProcessorBench;

/**
 * The whole benchmark in one command: every area of the pipeline against its raw baseline, one area after the other,
 * each in a JVM of its own started by this one (so that one area's JIT profile and threads never colour the next),
 * then the end-to-end rows, and one table of all of them.
 * <p>
 * Usage: {@code PipelineBench [--quick|--full]}, from the repository root, with the bench module's classpath;
 * {@code ./bench.sh} builds what it needs and calls it. The table goes to standard output and, as JSON and Markdown
 * with the machine's facts, to {@code bench/results/results.json} and {@code results.md}. The exit status is 0 when
 * every area ran (whether or not each ratio met its target) and 1 when an area failed or ran out of its time.
 * <p>
 * Every server measured is started by the areas themselves on 127.0.0.1; there is no option to aim the load anywhere
 * else.
 */
public final class PipelineBench {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Path RESULTS = Path.of("bench", "results");
    private static final long STOP_SECONDS = 20;

    /**
     * Rows whose baseline is the raw limit of one stage an event passes through; the slowest of them is what the
     * end-to-end throughput is held against.
     */
    private static final List<String> STAGE_METRICS = List.of("ingest events/s", "stream processor records/s",
            "projection writer rows/s", "projection queue drain messages/s");

    private final BenchMode mode;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> areaSeconds = new ArrayList<>();

    private PipelineBench(BenchMode mode) {
        this.mode = mode;
    }

    /**
     * One area: its main class, the folder under {@code bench/results} it writes, and how long it may take in a full
     * run (a quick run, with less work per round, allows three quarters of it).
     */
    record Area(String name, Class<?> main, String results, Duration fullLimit) {
    }

    static List<Area> areas() {
        return List.of(
                new Area("dynamodb", LocalDynamoDbBench.class, "dynamodb", Duration.ofMinutes(4)),
                new Area("ingest", IngestBench.class, "ingest", Duration.ofMinutes(6)),
                new Area("stream-processor", StreamProcessorBench.class, "stream-processor", Duration.ofMinutes(3)),
                new Area("projection-writer", ProjectionWriterBench.class, "projection-writer", Duration.ofMinutes(4)),
                new Area("projection-drain", QueueDrainBench.class, "projection-drain", Duration.ofMinutes(4)),
                new Area("projection-lookup", LookupBench.class, "projection-lookup", Duration.ofMinutes(4)),
                new Area("projection-startup", ProjectionStartupBench.class, "projection-startup", Duration.ofMinutes(3)));
    }

    public static void main(String[] args) {
        BenchMode mode = parseMode(args);
        BenchMains.runAndExit(() -> {
            if (!new PipelineBench(mode).run()) {
                throw new IllegalStateException("some areas did not finish; their lines above say why");
            }
        });
    }

    private static BenchMode parseMode(String[] args) {
        if (args.length == 0) {
            return BenchMode.QUICK;
        }
        if (args.length == 1 && (args[0].equals("--quick") || args[0].equals("--full"))) {
            return args[0].equals("--quick") ? BenchMode.QUICK : BenchMode.FULL;
        }
        System.err.println("Usage: bench.sh [--quick|--full]   (quick is the default: about 5 minutes; full: up to 20)");
        System.exit(2);
        return null;
    }

    private boolean run() throws Exception {
        if (!Files.isRegularFile(Path.of("bench", "pom.xml"))) {
            throw new IllegalStateException("run from the repository root: bench/pom.xml is not in "
                    + Path.of("").toAbsolutePath());
        }
        Instant started = Instant.now();
        System.out.printf("bench: %s run of %d areas and the end-to-end rows, started %s%n", mode.label(),
                areas().size(), started);
        for (Area area : areas()) {
            runArea(area, List.of());
        }
        runArea(new Area("end-to-end", EndToEndBench.class, "end-to-end", Duration.ofMinutes(8)), slowestStage());
        facts.put("mode", mode.label());
        facts.put("duration", Duration.between(started, Instant.now()).toSeconds() + " s");
        facts.put("duration per area", String.join(", ", areaSeconds));
        facts.putAll(versions());
        BenchReport report = new BenchReport(rows, facts, started);
        System.out.println();
        System.out.print(report.text());
        failures.forEach(failure -> System.out.println("not measured: " + failure));
        if (!failures.isEmpty()) {
            // In the written table too, so that a reader of the files alone sees what is missing.
            facts.put("not measured", String.join("; ", failures));
            report = new BenchReport(rows, facts, started);
        }
        report.write(RESULTS);
        System.out.println("bench: table written to " + RESULTS.resolve("results.md") + " and results.json");
        return failures.isEmpty();
    }

    /** Runs one area's main in its own JVM, shows its progress lines, and takes its rows from its results file. */
    private void runArea(Area area, List<String> args) throws Exception {
        Path results = RESULTS.resolve(area.results()).resolve("results.json");
        Files.deleteIfExists(results);
        Duration limit = mode == BenchMode.QUICK ? area.fullLimit().multipliedBy(3).dividedBy(4) : area.fullLimit();
        System.out.printf("bench: [%s] starting (at most %d s)%n", area.name(), limit.toSeconds());
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command(area, args)).redirectErrorStream(true).start();
        Thread echo = echo(process, area.name(), start);
        boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        System.out.printf("bench: [%s] ended after %d s%n", area.name(), seconds);
        areaSeconds.add(area.name() + " " + seconds + " s");
        if (!finished) {
            stop(process);
            failures.add(area.name() + ": stopped after " + limit.toSeconds() + " s");
        }
        echo.join(TimeUnit.SECONDS.toMillis(10));
        if (finished && process.exitValue() != 0) {
            failures.add(area.name() + ": exited with " + process.exitValue());
        }
        if (Files.isRegularFile(results)) {
            rows.addAll(readRows(results));
            JSON.readTree(results.toFile()).path("machine").fields().forEachRemaining(fact -> facts.putIfAbsent(
                    fact.getKey(), fact.getValue().asText()));
        } else if (finished && process.exitValue() == 0) {
            failures.add(area.name() + ": wrote no " + results);
        }
    }

    /**
     * SIGTERM first, so that the area's shutdown hooks stop the servers it started (PostgreSQL runs detached and would
     * outlive a killed JVM); whatever is left after {@value #STOP_SECONDS} s is killed.
     */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private List<String> command(Area area, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + BenchMode.PROPERTY + "=" + mode.label());
        command.add("-Dsun.net.httpserver.nodelay=true");
        // ElasticMQ and the AWS SDK log through SLF4J to JBoss Log Manager, formatted by local-stack's logging.properties.
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        passOn(command, "shared.data.dir");
        passOn(command, "bench.ingest.app");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), area.main().getName()));
        command.addAll(args);
        return command;
    }

    private static void passOn(List<String> command, String property) {
        String value = System.getProperty(property);
        if (value != null) {
            command.add("-D" + property + "=" + value);
        }
    }

    /** Echoes the area's output, each line prefixed with the area and the seconds since it started. */
    private static Thread echo(Process process, String name, long startNanos) {
        Thread echo = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> System.out.printf("[%s %3d s] %s%n", name,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos), line));
            } catch (IOException e) {
                System.out.println("[" + name + "] output ended: " + e.getMessage());
            }
        }, "echo-" + name);
        echo.setDaemon(true);
        echo.start();
        return echo;
    }

    /** The rows an area wrote with {@link BenchReport#write}. */
    static List<Row> readRows(Path results) throws IOException {
        List<Row> read = new ArrayList<>();
        for (JsonNode row : JSON.readTree(results.toFile()).path("rows")) {
            read.add(JSON.treeToValue(row, Row.class));
        }
        return read;
    }

    /** The slowest raw stage measured so far in this run, as arguments for the end-to-end area. */
    private List<String> slowestStage() {
        return slowestStage(rows).map(row -> List.of("--slowest-stage", row.baseline() + " (" + row.metric() + ")",
                Double.toString(row.baselineFigure()))).orElse(List.of());
    }

    /** Of the rows whose baseline is a stage's raw limit, the one with the lowest baseline figure. */
    static Optional<Row> slowestStage(List<Row> rows) {
        return rows.stream()
                .filter(row -> STAGE_METRICS.stream().anyMatch(row.metric()::startsWith))
                .min(Comparator.comparingDouble(Row::baselineFigure));
    }

    /** What was measured: the versions the build used and the commit, if this is a Git checkout. */
    private static Map<String, String> versions() throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        Properties built = new Properties();
        try (var in = PipelineBench.class.getResourceAsStream("/bench-versions.properties")) {
            built.load(in);
        }
        built.stringPropertyNames().stream().sorted().forEach(name -> versions.put(name, built.getProperty(name)));
        commit().ifPresent(commit -> versions.put("commit", commit));
        return versions;
    }

    private static Optional<String> commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
