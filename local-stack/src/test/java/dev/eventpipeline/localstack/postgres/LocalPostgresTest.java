package dev.eventpipeline.localstack.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPostgresTest {

    @TempDir
    Path dataDirectory;

    @Test
    void start_shouldKeepTheData_whenRestartedOnTheSameDataDirectory() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(0, dataDirectory, true);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (n int)");
            statement.execute("INSERT INTO kept VALUES (42)");
        }

        try (LocalPostgres postgres = LocalPostgres.start(0, dataDirectory, false);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n, current_setting('server_version_num') FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
            assertThat(rows.getString(2)).startsWith("16");
        }
    }

    @Test
    void start_shouldBeginEmpty_whenAskedToCleanTheDataDirectory() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(0, dataDirectory, true);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE dropped (n int)");
        }

        try (LocalPostgres postgres = LocalPostgres.start(0, dataDirectory, true);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), LocalPostgres.USER, "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT to_regclass('dropped') IS NULL")) {
            rows.next();
            assertThat(rows.getBoolean(1)).isTrue();
        }
    }
}
