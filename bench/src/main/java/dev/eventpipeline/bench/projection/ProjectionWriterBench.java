package dev.eventpipeline.bench.projection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.postgresql.PGConnection;

import dev.eventpipeline.bench.BenchMains;
import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.BenchReport;
import dev.eventpipeline.bench.BenchRunner;
import dev.eventpipeline.bench.Comparison;
import dev.eventpipeline.bench.Row;
import dev.eventpipeline.bench.Scratch;
import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.projection.store.ProjectionStore;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The projection's database writer alone (batches in memory, no SQS) against two baselines on the same PostgreSQL, in
 * one run, interleaved, each on empty tables:
 * <ul>
 * <li>a single-stream binary {@code COPY} of the same rows into the event log (target: at least 0.25x);</li>
 * <li>pgbench running the identical statements of a batch in one transaction, at the same batch size and connection
 * count (target: at least 0.85x).</li>
 * </ul>
 * Run: {@code java -cp <bench classpath> dev.eventpipeline.bench.projection.ProjectionWriterBench}. Talks only to the
 * PostgreSQL it starts on 127.0.0.1; pgbench must be on the PATH.
 */
public final class ProjectionWriterBench {

    /** Per round, in both modes: under two seconds a side, and fewer rows would leave the writer's JIT cold. */
    static final int BATCHES = 1500;
    static final int CONNECTIONS = 2;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ProjectionWriterBench() {
    }

    public static void main(String[] args) {
        BenchMains.runAndExit(() -> run());
    }

    private static void run() throws Exception {
        try (BenchDatabase database = BenchDatabase.start()) {
            String payload = BenchRows.payload();
            database.execute("CREATE TABLE bench_payload (p text); CREATE SEQUENCE bench_batch;");
            try (Connection connection = database.jdbc();
                    var insert = connection.prepareStatement("INSERT INTO bench_payload VALUES (?)")) {
                insert.setString(1, payload);
                insert.executeUpdate();
            }
            BenchRunner runner = new BenchRunner(BenchMode.current().repetitions(), System.out::println);
            List<Row> rows = new ArrayList<>();
            rows.add(runner.run(new VersusCopy(database, payload)));
            rows.add(runner.run(new VersusPgbench(database, payload)));
            BenchReport report = new BenchReport(rows, Map.of("postgres", database.version(),
                    "payload bytes", Integer.toString(payload.length()), "rows per run",
                    Integer.toString(BATCHES * BenchRows.BATCH_SIZE)), Instant.now());
            System.out.print(report.text());
            report.write(Path.of("bench/results/projection-writer"));
        }
    }

    /** Writes the batches with the service's store, {@value #CONNECTIONS} batches at a time; returns rows/s. */
    static double projectAll(ProjectionStore store, List<List<StoredEvent>> batches) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger inserted = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            running.add(workers.submit(() -> {
                for (int n = next.getAndIncrement(); n < batches.size(); n = next.getAndIncrement()) {
                    inserted.addAndGet(store.project(batches.get(n)).await().atMost(TIMEOUT).inserted());
                }
            }));
        }
        for (Future<?> worker : running) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdown();
        if (inserted.get() != batches.size() * BenchRows.BATCH_SIZE) {
            throw new IllegalStateException("the store inserted " + inserted + " rows, expected all");
        }
        return inserted.get() / seconds;
    }

    /**
     * What both writer rows share: the service's store on a pool of {@value #CONNECTIONS} connections, measured on empty
     * tables with fresh streams each round; each row brings its own baseline.
     */
    abstract static class WriterComparison implements Comparison {

        final BenchDatabase database;
        final String payload;
        int run;
        private ProjectionStore store;
        private Pool pool;

        WriterComparison(BenchDatabase database, String payload) {
            this.database = database;
            this.payload = payload;
        }

        @Override
        public void setUp() throws IOException {
            pool = database.pool(CONNECTIONS);
            store = new ProjectionStore(pool);
        }

        @Override
        public double measureSystem() throws Exception {
            List<List<StoredEvent>> batches = BenchRows.batches("w" + run++ + "-", BATCHES, payload);
            database.truncate();
            return projectAll(store, batches);
        }

        @Override
        public void close() {
            pool.closeAndAwait();
        }
    }

    /** The store against a single binary COPY of the same rows into event_log. */
    static final class VersusCopy extends WriterComparison {

        VersusCopy(BenchDatabase database, String payload) {
            super(database, payload);
        }

        @Override
        public Spec spec() {
            return new Spec("projection writer rows/s", "single-stream binary COPY of the same rows", "rows/s",
                    0.25, true);
        }

        @Override
        public double measureBaseline() throws Exception {
            List<List<StoredEvent>> batches = BenchRows.batches("c" + run++ + "-", BATCHES, payload);
            database.truncate();
            try (Connection connection = database.jdbc()) {
                long start = System.nanoTime();
                long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY event_log (stream, sequence, id, source, type, time, received_at, data, data_text)"
                                + " FROM STDIN (FORMAT binary)",
                        new ByteArrayInputStream(binaryCopy(batches)));
                return copied / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** The store against pgbench running the same four statements per transaction. */
    static final class VersusPgbench extends WriterComparison {

        private Path script;

        VersusPgbench(BenchDatabase database, String payload) {
            super(database, payload);
        }

        @Override
        public Spec spec() {
            return new Spec("projection writer rows/s",
                    "pgbench, identical statements, batch 10, " + CONNECTIONS + " connections", "rows/s",
                    0.85, true);
        }

        @Override
        public void setUp() throws IOException {
            super.setUp();
            script = Scratch.file("projection-writer", ".pgbench");
            Files.writeString(script, pgbenchScript());
        }

        @Override
        public double measureBaseline() throws Exception {
            database.truncate();
            double tps = database.pgbench(script, CONNECTIONS, "-t", Integer.toString(BATCHES / CONNECTIONS));
            return tps * BenchRows.BATCH_SIZE;
        }
    }

    /**
     * One pgbench transaction: the store's four statements, their parameters replaced by SQL that builds the same
     * rows as {@link BenchRows#batch} for batch {@code :n}.
     */
    static String pgbenchScript() {
        String g10 = " FROM generate_series(1, 10) g)";
        String streams = "ARRAY(SELECT 'p' || :n || '-' || g" + g10;
        String time = "(timestamptz '2015-01-01 00:00:00+00' + make_interval(secs => :n))";
        String lock = bind(ProjectionStore.LOCK_STREAMS, streams);
        String insert = bind(ProjectionStore.INSERT_EVENTS, streams,
                "ARRAY(SELECT 1::int8" + g10,
                streams,
                "ARRAY(SELECT '" + BenchRows.SOURCE + "'::text" + g10,
                "ARRAY(SELECT 'Type' || (g % 5)" + g10,
                "ARRAY(SELECT " + time + g10,
                "ARRAY(SELECT now()" + g10,
                "ARRAY(SELECT p FROM bench_payload, generate_series(1, 10) g)");
        String advance = bind(ProjectionStore.ADVANCE_STREAMS, streams,
                "ARRAY(SELECT 1::int8" + g10,
                "ARRAY(SELECT 1::int8" + g10,
                "ARRAY(SELECT " + time + g10,
                "ARRAY(SELECT " + time + g10,
                "ARRAY(SELECT 'Type' || (g % 5)" + g10);
        String count = bind(ProjectionStore.COUNT_MINUTES,
                "ARRAY(SELECT 'Type' || g FROM generate_series(0, 4) g)",
                "ARRAY(SELECT date_trunc('minute', " + time + ") FROM generate_series(0, 4) g)",
                "ARRAY(SELECT 2::int8 FROM generate_series(0, 4) g)");
        return String.join("\n", "SELECT nextval('bench_batch') AS n \\gset", "BEGIN;", oneLine(lock) + ";",
                oneLine(insert) + ";", oneLine(advance) + ";", oneLine(count) + ";", "COMMIT;", "");
    }

    private static String bind(String sql, String... values) {
        String bound = sql;
        for (int i = values.length; i >= 1; i--) {
            bound = bound.replace("$" + i, "(" + values[i - 1] + ")");
        }
        return bound;
    }

    /** pgbench reads one statement per line. */
    private static String oneLine(String sql) {
        return sql.replace('\n', ' ');
    }

    /** PostgreSQL's binary COPY format for the event_log columns the store writes. */
    static byte[] binaryCopy(List<List<StoredEvent>> batches) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("PGCOPY\n");
        out.write(new byte[] { (byte) 0xff, '\r', '\n', 0 });
        out.writeInt(0);
        out.writeInt(0);
        for (List<StoredEvent> batch : batches) {
            for (StoredEvent stored : batch) {
                out.writeShort(9);
                text(out, stored.subject());
                out.writeInt(8);
                out.writeLong(stored.sequence());
                text(out, stored.id());
                text(out, stored.event().source());
                text(out, stored.event().type());
                timestamp(out, stored.event().time());
                timestamp(out, stored.receivedAt());
                byte[] data = stored.event().data().getBytes(StandardCharsets.UTF_8);
                out.writeInt(data.length + 1);
                out.writeByte(1);
                out.write(data);
                out.writeInt(data.length);
                out.write(data);
            }
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** timestamptz on the wire: microseconds since 2000-01-01 UTC. */
    private static void timestamp(DataOutputStream out, Instant instant) throws IOException {
        out.writeInt(8);
        out.writeLong(ChronoUnit.MICROS.between(Instant.parse("2000-01-01T00:00:00Z"), instant));
    }
}
