package dev.eventpipeline.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleSourcesTest {

    @Test
    void environmentReads_shouldListGetenvAndExpansions_butNotDevOrTestProfiles(@TempDir Path dir) throws IOException {
        // GIVEN
        ModuleSources module = module(dir, """
                events.table=${EVENTS_TABLE:events}
                quarkus.dynamodb.endpoint-override=${QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE:http://localhost:8000}
                %prod.ingest.append-attempts=${INGEST_APPEND_ATTEMPTS}
                %dev.ingest.max-batch-events=${DEV_ONLY_LIMIT:10}
                %test.events.table=${TEST_ONLY_TABLE}
                quarkus.log.level=${quarkus.log.console.level}
                """, "String routes = System.getenv( \"FANOUT_ROUTES\" );");

        // WHEN
        Set<String> reads = module.environmentReads();

        // THEN
        assertThat(reads).containsExactlyInAnyOrder("EVENTS_TABLE", "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE",
                "INGEST_APPEND_ATTEMPTS", "FANOUT_ROUTES");
    }

    @Test
    void propertyVariables_shouldMapPropertiesToEnvironmentNames_asSmallRyeConfigDoes(@TempDir Path dir) throws IOException {
        // GIVEN
        ModuleSources module = module(dir, """
                quarkus.datasource.reactive.url=postgresql://localhost:5432/events
                %prod.quarkus.datasource.jdbc.url=jdbc:postgresql://localhost:5432/events
                %dev.quarkus.datasource.username=dev
                """, "");

        // WHEN
        Set<String> variables = module.propertyVariables();

        // THEN
        assertThat(variables).containsExactlyInAnyOrder("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL");
    }

    @Test
    void buildsLambdaFunction_shouldBeFalse_whenThePomDeclaresNoLambdaExtension(@TempDir Path dir) throws IOException {
        // GIVEN
        ModuleSources module = module(dir, "", "");

        // WHEN
        boolean lambda = module.buildsLambdaFunction();

        // THEN
        assertThat(lambda).isFalse();
    }

    private static ModuleSources module(Path dir, String properties, String javaStatement) throws IOException {
        Path resources = Files.createDirectories(dir.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"), properties);
        Path sources = Files.createDirectories(dir.resolve("src/main/java/example"));
        Files.writeString(sources.resolve("Example.java"), "package example; class Example { void run() { "
                + javaStatement + " } }");
        Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>example</artifactId></project>");
        return new ModuleSources(dir);
    }
}
