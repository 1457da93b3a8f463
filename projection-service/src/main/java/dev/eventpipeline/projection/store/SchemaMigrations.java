package dev.eventpipeline.projection.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies the versioned schema migrations ({@code db/migration/V<n>__<what>.sql}) when the service starts, through the
 * reactive pool it uses anyway: no JDBC driver, second connection pool or transaction manager starts for them, which
 * keeps a task's start short when ECS scales out on a backlog.
 * <p>
 * Tasks that start together take turns on a PostgreSQL advisory lock. Each migration runs in its own transaction and is
 * recorded in {@code schema_migration} with the SHA-256 of its text; a recorded migration whose text has changed stops
 * startup, because databases that applied different texts of one version would drift apart. A database migrated by
 * Flyway before (its {@code flyway_schema_history}) is taken over without running anything again.
 */
@ApplicationScoped
public class SchemaMigrations {

    /** In the order they apply; a new one is added at the end as the next version, and never edited afterwards. */
    static final List<String> MIGRATIONS = List.of("V1__projection_schema.sql");

    /** The advisory lock of this schema's migrations: any constant that no other code of the database uses. */
    private static final long LOCK = 0x70726f6a_65637431L;
    private static final String FLYWAY_TAKEN_OVER = "flyway";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);

    private final Pool pool;
    private volatile boolean applied;

    public SchemaMigrations(Pool pool) {
        this.pool = pool;
    }

    /** Runs before the pollers start (their observer has the default priority), so no batch meets an old schema. */
    void migrate(@Observes @Priority(100) StartupEvent startup) {
        pool.withConnection(connection -> connection.query("SELECT pg_advisory_lock(" + LOCK + ")").execute()
                .flatMap(locked -> migrate(connection))
                .eventually(() -> connection.query("SELECT pg_advisory_unlock(" + LOCK + ")").execute()))
                .await().atMost(TIMEOUT);
        applied = true;
    }

    /** Whether every migration is applied; readiness waits for it. */
    public boolean applied() {
        return applied;
    }

    private Uni<Void> migrate(SqlConnection connection) {
        return createHistory(connection)
                .flatMap(created -> takeOverFlyway(connection))
                .flatMap(taken -> connection.query("SELECT version, checksum FROM schema_migration").execute())
                .map(rows -> {
                    Map<Integer, String> recorded = new HashMap<>();
                    rows.forEach(row -> recorded.put(row.getInteger("version"), row.getString("checksum")));
                    return recorded;
                })
                .flatMap(recorded -> applyMissing(connection, recorded));
    }

    /** Checked first rather than {@code IF NOT EXISTS}, whose notice the client would log on every start. */
    private static Uni<Void> createHistory(SqlConnection connection) {
        return present(connection, "schema_migration")
                .flatMap(present -> present ? Uni.createFrom().voidItem()
                        : connection.query("""
                                CREATE TABLE schema_migration (
                                    version    int         PRIMARY KEY,
                                    script     text        NOT NULL,
                                    checksum   text        NOT NULL,
                                    applied_at timestamptz NOT NULL DEFAULT now())""").execute().replaceWithVoid());
    }

    private static Uni<Boolean> present(SqlConnection connection, String table) {
        return connection.preparedQuery("SELECT to_regclass($1) IS NOT NULL AS present")
                .execute(Tuple.of(table))
                .map(rows -> rows.iterator().next().getBoolean("present"));
    }

    private static Uni<Void> takeOverFlyway(SqlConnection connection) {
        return present(connection, "flyway_schema_history")
                .flatMap(present -> !present ? Uni.createFrom().voidItem()
                        : connection.preparedQuery("""
                                INSERT INTO schema_migration (version, script, checksum)
                                SELECT version::int, script, $1 FROM flyway_schema_history
                                WHERE success AND version IS NOT NULL
                                ON CONFLICT (version) DO NOTHING""")
                                .execute(Tuple.of(FLYWAY_TAKEN_OVER))
                                .replaceWithVoid());
    }

    private static Uni<Void> applyMissing(SqlConnection connection, Map<Integer, String> recorded) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String script : MIGRATIONS) {
            int version = version(script);
            String text = text(script);
            String checksum = sha256(text);
            String applied = recorded.get(version);
            if (applied == null) {
                chain = chain.flatMap(done -> apply(connection, version, script, text, checksum));
            } else if (!applied.equals(checksum) && !applied.equals(FLYWAY_TAKEN_OVER)) {
                return Uni.createFrom().failure(new IllegalStateException("Migration " + script
                        + " was applied to this database with another text (SHA-256 " + applied + ", now " + checksum
                        + "); restore its text and add the change as a new migration"));
            }
        }
        return chain;
    }

    private static Uni<Void> apply(SqlConnection connection, int version, String script, String text, String checksum) {
        LOG.infof("Applying schema migration %s", script);
        return connection.begin()
                .flatMap(transaction -> connection.query(text).execute()
                        .flatMap(done -> connection.preparedQuery(
                                "INSERT INTO schema_migration (version, script, checksum) VALUES ($1, $2, $3)")
                                .execute(Tuple.of(version, script, checksum)))
                        .flatMap(recorded -> transaction.commit())
                        .onFailure().call(transaction::rollback));
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    private static String text(String script) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Migration " + script + " is missing from db/migration");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading migration " + script + " failed", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
