package dev.eventpipeline.bench.streamprocessor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.eventpipeline.bench.BenchMains;
import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.BenchReport;
import dev.eventpipeline.bench.BenchRunner;
import dev.eventpipeline.bench.Row;
import dev.eventpipeline.streamprocessor.internal.QueueBatch;

/**
 * Runs {@link StreamProcessorComparison}: the stream processor's records/s next to a raw {@code SendMessageBatch} loop,
 * and its batch fill. Everything runs on 127.0.0.1, single-threaded: five repetitions of the 7,702 sample records per
 * side after four warm-up rounds, or in a quick run ({@link dev.eventpipeline.bench.BenchMode}) three of the first
 * 2,311. Prints the table and writes it to {@code bench/results/stream-processor/}.
 * <p>
 * Run from the repository root after {@code ./mvnw -q -pl bench -am package -DskipTests}, with the bench module's
 * classpath; the first argument, if any, is the path of {@code gharchive-sample.jsonl} (default: from the system
 * property {@code shared.data.dir}, else {@code ../shared/data}).
 */
public final class StreamProcessorBench {

    /**
     * Held so that its level stays set: one info line per Lambda batch on the console would put the terminal into the
     * measurement.
     */
    private static final Logger STREAM_PROCESSOR_LOG = Logger.getLogger("dev.eventpipeline.streamprocessor");

    private StreamProcessorBench() {
    }

    public static void main(String[] args) {
        BenchMains.runAndExit(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        Path sample = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("shared.data.dir", "../shared/data"), "gharchive-sample.jsonl");
        STREAM_PROCESSOR_LOG.setLevel(Level.WARNING);
        try (StreamProcessorComparison comparison = new StreamProcessorComparison(sample)) {
            Row row = new BenchRunner(BenchMode.current().repetitions(), System.out::println).run(comparison);
            double fill = comparison.batchFill();
            Row fillRow = new Row("stream processor batch fill", "SendMessageBatch's maximum of 10 entries",
                    "msgs/call", fill, QueueBatch.MAX_ENTRIES, fill / QueueBatch.MAX_ENTRIES, 0.9, true, List.of(fill),
                    List.of((double) QueueBatch.MAX_ENTRIES));
            BenchReport report = new BenchReport(List.of(row, fillRow), comparison.facts(), Instant.now());
            System.out.println(report.text());
            comparison.facts().forEach((name, value) -> System.out.println(name + ": " + value));
            report.write(Path.of("bench", "results", "stream-processor"));
        }
    }
}
