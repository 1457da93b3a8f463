package dev.eventpipeline.localstack.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL 16 for the local run, from the embedded binaries on Maven Central, listening on 127.0.0.1 only.
 * <p>
 * It holds the database {@value #DATABASE} owned by the role {@value #USER}. Connections from 127.0.0.1 are trusted
 * (no password), as the embedded server sets it up: fine for one developer's machine, never for a shared one.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "events";
    public static final String USER = "events";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL and creates the database on first start.
     *
     * @param port the port, 0 for any free one
     * @param dataDirectory where the data lives across restarts
     * @param clean whether to start from an empty data directory
     */
    public static LocalPostgres start(int port, Path dataDirectory, boolean clean) throws IOException {
        if (clean) {
            deleteRecursively(dataDirectory);
        }
        // Never let the library clean: it would delete the data directory again when the server stops.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        LocalPostgres local = new LocalPostgres(builder.start(), dataDirectory);
        local.createDatabase();
        return local;
    }

    /** The server's process id, from the first line of {@code postmaster.pid} in its data directory. */
    public long pid() throws IOException {
        try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
            return Long.parseLong(lines.findFirst().orElseThrow(() -> new IOException("postmaster.pid is empty")).trim());
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The reactive client's URL, as {@code QUARKUS_DATASOURCE_REACTIVE_URL} takes it. */
    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** The JDBC URL, as {@code QUARKUS_DATASOURCE_JDBC_URL} takes it. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    private void createDatabase() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                statement.execute("CREATE ROLE " + USER + " LOGIN");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        } catch (SQLException e) {
            throw new IOException("creating the database " + DATABASE + " failed: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
