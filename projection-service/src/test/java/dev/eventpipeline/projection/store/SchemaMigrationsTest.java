package dev.eventpipeline.projection.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema migrations against a real PostgreSQL 16, as a task's start would run them. */
class SchemaMigrationsTest {

    private EmbeddedPostgres postgres;
    private Vertx vertx;
    private Pool pool;

    @BeforeEach
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
        vertx = Vertx.vertx();
        pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2))
                .connectingTo(new PgConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(postgres.getPort())
                        .setDatabase("postgres")
                        .setUser("postgres"))
                .using(vertx)
                .build());
    }

    @AfterEach
    void stopPostgres() throws IOException {
        pool.closeAndAwait();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        postgres.close();
    }

    @Test
    void migrate_shouldApplyEachMigrationOnce_whenTheServiceStartsAgain() throws SQLException {
        // GIVEN a database migrated by a first start
        SchemaMigrations migrations = new SchemaMigrations(pool);
        migrations.migrate(null);

        // WHEN the service starts again
        SchemaMigrations restarted = new SchemaMigrations(pool);
        restarted.migrate(null);

        // THEN
        assertThat(restarted.applied()).isTrue();
        assertThat(count("SELECT count(*) FROM schema_migration")).isEqualTo(SchemaMigrations.MIGRATIONS.size());
        assertThat(count("SELECT count(*) FROM event_log")).isZero();
    }

    @Test
    void migrate_shouldStopStartup_whenAnAppliedMigrationChanged() throws SQLException {
        // GIVEN version 1 recorded with another text
        new SchemaMigrations(pool).migrate(null);
        execute("UPDATE schema_migration SET checksum = 'edited' WHERE version = 1");

        // WHEN / THEN
        SchemaMigrations restarted = new SchemaMigrations(pool);
        assertThatThrownBy(() -> restarted.migrate(null))
                .hasMessageContaining("V1__projection_schema.sql")
                .hasMessageContaining("add the change as a new migration");
        assertThat(restarted.applied()).isFalse();
    }

    @Test
    void migrate_shouldTakeOverTheSchema_whenFlywayMigratedTheDatabase() throws SQLException {
        // GIVEN a database that Flyway migrated: the schema and its history, no schema_migration
        new SchemaMigrations(pool).migrate(null);
        execute("DROP TABLE schema_migration");
        execute("CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),"
                + " description varchar(200), type varchar(20), script varchar(1000), checksum int,"
                + " installed_by varchar(100), installed_on timestamp DEFAULT now(), execution_time int, success boolean)");
        execute("INSERT INTO flyway_schema_history VALUES (1, '1', 'projection schema', 'SQL',"
                + " 'V1__projection_schema.sql', 42, 'events', now(), 10, true)");

        // WHEN
        SchemaMigrations migrations = new SchemaMigrations(pool);
        migrations.migrate(null);

        // THEN version 1 is recorded as taken over and not run again (it would fail on the existing tables)
        assertThat(migrations.applied()).isTrue();
        assertThat(count("SELECT count(*) FROM schema_migration WHERE version = 1 AND checksum = 'flyway'"))
                .isEqualTo(1);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
