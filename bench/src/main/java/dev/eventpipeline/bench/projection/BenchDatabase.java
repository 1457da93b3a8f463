package dev.eventpipeline.bench.projection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.eventpipeline.bench.Scratch;
import dev.eventpipeline.localstack.postgres.LocalPostgres;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * PostgreSQL 16 on 127.0.0.1 with the projection schema, for the projection benchmarks, and the ways the benchmark
 * talks to it: the reactive pool the service uses, JDBC for COPY, and pgbench.
 */
final class BenchDatabase implements AutoCloseable {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final LocalPostgres postgres;
    private final boolean owned;
    private final Vertx vertx = Vertx.vertx();

    private BenchDatabase(LocalPostgres postgres, boolean owned) {
        this.postgres = postgres;
        this.owned = owned;
    }

    /** Starts PostgreSQL and applies the projection schema; {@link #close()} stops it. */
    static BenchDatabase start() throws IOException, SQLException {
        BenchDatabase database = new BenchDatabase(
                LocalPostgres.start(0, Scratch.directory("projection-bench-pg"), true), true);
        database.execute(schema());
        return database;
    }

    /** Uses a PostgreSQL whose schema the service's own migration created; the caller stops it. */
    static BenchDatabase attach(LocalPostgres postgres) {
        return new BenchDatabase(postgres, false);
    }

    /** The reactive pool as the service configures it: prepared statements cached per connection. */
    Pool pool(int connections) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost("127.0.0.1")
                .setPort(postgres.port())
                .setDatabase(LocalPostgres.DATABASE)
                .setUser(LocalPostgres.USER)
                .setCachePreparedStatements(true);
        Pool pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(connections))
                .connectingTo(connect)
                .using(vertx)
                .build());
        // The first Uni sets up Mutiny's context propagation; doing it here keeps worker threads from racing on it.
        pool.query("SELECT 1").execute().await().atMost(Duration.ofSeconds(30));
        return pool;
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "");
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = jdbc(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    void truncate() throws SQLException {
        execute("TRUNCATE event_log, stream_summary, type_minute_count");
    }

    /**
     * The server's version and the settings the figures depend on, e.g. {@code 16.15 (fsync off, synchronous_commit
     * off, shared_buffers 128MB, max_connections 300)}: the embedded server's defaults trade durability for speed,
     * for the system and its baselines alike.
     */
    String version() throws SQLException {
        try (Connection connection = jdbc();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'),"
                        + " current_setting('synchronous_commit'), current_setting('shared_buffers'),"
                        + " current_setting('max_connections')")) {
            rows.next();
            return String.format("%s (fsync %s, synchronous_commit %s, shared_buffers %s, max_connections %s)",
                    rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5));
        }
    }

    /** Runs pgbench against this database and returns its "tps = ..." figure (without connection time). */
    double pgbench(Path script, int clients, String... limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-h", "127.0.0.1",
                "-p", Integer.toString(postgres.port()), "-U", LocalPostgres.USER, "-c", Integer.toString(clients), "-j",
                Integer.toString(clients), "-f", script.toString()));
        command.addAll(List.of(limit));
        command.add(LocalPostgres.DATABASE);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("pgbench failed: " + output);
        }
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IOException("pgbench printed no tps: " + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    LocalPostgres postgres() {
        return postgres;
    }

    private static String schema() throws IOException {
        try (InputStream in = BenchDatabase.class.getResourceAsStream("/db/migration/V1__projection_schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        if (owned) {
            postgres.close();
        }
    }
}
