package dev.eventpipeline.bench.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.eventpipeline.bench.BenchMains;
import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.BenchReport;
import dev.eventpipeline.bench.BenchRunner;
import dev.eventpipeline.bench.Comparison;
import dev.eventpipeline.bench.Row;

/**
 * Runs the ingest comparisons against one local DynamoDB on 127.0.0.1: {@link IngestThroughputComparison} (target at
 * least 0.8x) and {@link IngestColdStartComparison} (target at most 1.2x), five interleaved repetitions each (three
 * in a quick run) after a warm-up. Prints the table and writes it to {@code bench/results/ingest/}.
 * <p>
 * Run from the repository root after {@code ./mvnw -q -pl ingest-lambda,bench -am package -DskipTests}, with the bench
 * module's classpath; the function's runner jar is the system property {@code bench.ingest.app} (default
 * {@value #DEFAULT_APP}). About two to four minutes on two cores.
 */
public final class IngestBench {

    private static final String DEFAULT_APP = "ingest-lambda/target/ingest-lambda-0.1.0-SNAPSHOT-runner.jar";

    private IngestBench() {
    }

    public static void main(String[] args) {
        BenchMains.runAndExit(IngestBench::run);
    }

    private static void run() throws Exception {
        // The JDK's HTTP server (local DynamoDB, Runtime API) waits on delayed ACKs without it: ~40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path app = Path.of(System.getProperty("bench.ingest.app", DEFAULT_APP));
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app.toAbsolutePath() + " is missing; build it first with"
                    + " ./mvnw -q -pl ingest-lambda -am package -DskipTests");
        }
        Path results = Path.of("bench", "results", "ingest");
        // The function processes' logs stay for a reader of the run, next to its table.
        Path logs = Files.createDirectories(results.resolve("function-logs"));
        try (IngestFixture fixture = IngestFixture.start()) {
            List<Row> rows = new ArrayList<>();
            BenchRunner runner = new BenchRunner(BenchMode.current().repetitions(), System.out::println);
            for (Comparison comparison : List.of(new IngestColdStartComparison(fixture, app, logs),
                    new IngestThroughputComparison(fixture, app))) {
                rows.add(runner.run(comparison));
            }
            BenchReport report = new BenchReport(rows, Map.of("function logs", logs.toString()), Instant.now());
            System.out.println(report.text());
            report.write(results);
        }
    }
}
