package dev.eventpipeline.infra;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The environment variables of every function and container are the configuration contract of the project, and each
 * module reads what the template sets and nothing the template leaves out (see infra/README.md, "Configuration").
 */
class EnvironmentContractTest {

    /** The variables the template sets, per module. {@code AWS_REGION} is Lambda's own in functions. */
    static final Map<String, Set<String>> CONTRACT = Map.of(
            "ingest-lambda", Set.of("EVENTS_TABLE", "DEDUP_TABLE", "INGEST_MAX_BATCH_EVENTS", "INGEST_APPEND_ATTEMPTS"),
            "stream-processor-lambda", Set.of("PROJECTION_QUEUE_URL", "FANOUT_ROUTES"),
            "projection-service", Set.of("AWS_REGION", "PROJECTION_QUEUE_URL", "PROJECTION_POLLERS",
                    "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD", "PROJECTION_DB_CA_BUNDLE"));

    /** Local runs point the AWS clients at the local services with these; AWS never needs them. */
    static final Set<String> LOCAL_ONLY = Set.of("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", "QUARKUS_SQS_ENDPOINT_OVERRIDE");

    /** Read by the AWS SDK's default region provider chain rather than by the module's own code. */
    static final Set<String> READ_BY_AWS_SDK = Set.of("AWS_REGION");

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    static Stream<Workload> workloads() {
        return Workload.all(TEMPLATE).stream();
    }

    @Test
    void workloads_shouldCoverEveryModuleOfTheContract_whenReadFromTheTemplate() {
        // GIVEN the template

        // WHEN
        Stream<String> modules = workloads().map(workload -> workload.module().name());

        // THEN
        assertThat(modules).containsExactlyInAnyOrderElementsOf(CONTRACT.keySet());
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void environment_shouldBeTheConfigurationContract_whenTheTemplateSetsIt(Workload workload) {
        // GIVEN
        Set<String> contract = CONTRACT.get(workload.module().name());

        // WHEN
        Set<String> environment = workload.environment();

        // THEN
        assertThat(environment).as("variables set for %s", workload).containsExactlyInAnyOrderElementsOf(contract);
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void environment_shouldBeReadByTheModule_whenTheTemplateSetsIt(Workload workload) {
        // GIVEN
        assumeConfigured(workload.module());
        Set<String> read = new TreeSet<>(workload.module().environmentReads());
        read.addAll(workload.module().propertyVariables());
        read.addAll(READ_BY_AWS_SDK);

        // WHEN
        Set<String> unread = new TreeSet<>(workload.environment());
        unread.removeAll(read);

        // THEN
        assertThat(unread).as("variables the template sets for %s but the module never reads; read each with"
                + " ${NAME:default} in its application.properties", workload).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void environment_shouldBeSetByTheTemplate_whenTheModuleReadsIt(Workload workload) {
        // GIVEN
        assumeConfigured(workload.module());

        // WHEN
        Set<String> unset = new TreeSet<>(workload.module().environmentReads());
        unset.removeAll(workload.environment());
        unset.removeAll(workload.platformProvided());
        unset.removeAll(LOCAL_ONLY);

        // THEN
        assertThat(unset).as("variables that %s reads but the template does not set", workload).isEmpty();
    }

    @Test
    void databasePassword_shouldComeFromSecretsManager_whenTheProjectionServiceStarts() {
        // GIVEN
        Map<String, Object> container = TEMPLATE.containers().get(0);

        // WHEN
        Stream<Object> secrets = Nodes.list(container.get("Secrets")).stream().map(s -> Nodes.map(s).get("Name"));
        Stream<Object> plain = Nodes.list(container.get("Environment")).stream().map(v -> Nodes.map(v).get("Name"));

        // THEN
        assertThat(secrets).contains("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");
        assertThat(plain).doesNotContain("QUARKUS_DATASOURCE_PASSWORD");
    }

    private static void assumeConfigured(ModuleSources module) {
        assumeTrue(module.hasApplicationProperties(), () -> module.name() + " has no"
                + " src/main/resources/application.properties yet: its configuration is not written, so there is"
                + " nothing to compare with the template");
    }
}
