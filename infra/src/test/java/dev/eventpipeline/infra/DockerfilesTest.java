package dev.eventpipeline.infra;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The projection service's images copy in only what the Quarkus build writes to {@code target/} (the fast-jar
 * layout, or the native executable) and the public RDS CA bundle, start from a small Red Hat UBI 9 image, and run as
 * an unprivileged user.
 */
class DockerfilesTest {

    private static final Path MODULE = SamTemplate.moduleDir("projection-service");
    private static final Path DOCKER = MODULE.resolve("src/main/docker");

    /**
     * What each Dockerfile may copy, relative to the module: the four parts of {@code target/quarkus-app}, or the
     * executable {@code -Dnative} writes.
     */
    private static final Map<String, Set<String>> BUILD_OUTPUTS = Map.of(
            "Dockerfile.jvm", Set.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                    "target/quarkus-app/quarkus/"),
            "Dockerfile.native", Set.of("target/*-runner"));

    /** Amazon RDS's public CA bundle, which the projection service's prod profile expects in the image. */
    private static final String RDS_CA_BUNDLE = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem";

    static Stream<String> dockerfiles() {
        return BUILD_OUTPUTS.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void copy_shouldTakeOnlyBuildOutput_whenBuildingTheImage(String name) {
        // GIVEN
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve(name));

        // WHEN
        List<String> sources = dockerfile.all("COPY").stream().flatMap(copy -> copy.sources().stream()).toList();

        // THEN
        assertThat(sources).as("COPY sources of %s", name).isNotEmpty().isSubsetOf(BUILD_OUTPUTS.get(name));
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void add_shouldFetchOnlyTheRdsCaBundle_whenBuildingTheImage(String name) {
        // GIVEN
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve(name));

        // WHEN
        List<String> sources = dockerfile.all("ADD").stream().flatMap(add -> add.sources().stream()).toList();

        // THEN nothing from the workspace, no archive to unpack: the public CA bundle the service verifies Aurora with
        assertThat(sources).as("ADD sources of %s", name).containsExactly(RDS_CA_BUNDLE);
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void rdsCaBundle_shouldBeWhereTheTaskDefinitionSaysItIs_whenTheImageRuns(String name) {
        // GIVEN
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve(name));

        // WHEN
        List<String> destinations = dockerfile.all("ADD").stream()
                .map(add -> add.arguments().get(add.arguments().size() - 1))
                .toList();

        // THEN
        assertThat(destinations).as("where %s puts the RDS CA bundle", name).containsExactly(caBundleVariable());
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void user_shouldNotBeRoot_whenTheImageRuns(String name) {
        // GIVEN
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve(name));

        // WHEN
        List<Dockerfile.Instruction> users = dockerfile.all("USER");

        // THEN
        assertThat(users).as("USER instructions of %s", name).isNotEmpty();
        assertThat(users.get(users.size() - 1).arguments().get(0)).as("the last USER of %s", name)
                .isNotIn("root", "0", "0:0");
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void from_shouldBeASmallUbiImage_whenBuildingTheImage(String name) {
        // GIVEN
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve(name));

        // WHEN
        List<String> images = dockerfile.all("FROM").stream().map(from -> from.arguments().get(0)).toList();

        // THEN
        assertThat(images).as("base images of %s", name).singleElement().asString()
                .matches("registry\\.access\\.redhat\\.com/ubi9/(openjdk-21-runtime|ubi-minimal):[0-9.]+");
    }

    @Test
    void copy_shouldFindEachSource_whenTheProjectionServiceWasPackaged() throws IOException {
        // GIVEN
        assumeTrue(Files.isDirectory(MODULE.resolve("target/quarkus-app")), "projection-service has no"
                + " target/quarkus-app: it is not a Quarkus application yet (or was not packaged), so there is no"
                + " build output to compare with Dockerfile.jvm");
        Dockerfile dockerfile = Dockerfile.read(DOCKER.resolve("Dockerfile.jvm"));

        // WHEN
        List<String> missing = new ArrayList<>();
        for (Dockerfile.Instruction copy : dockerfile.all("COPY")) {
            for (String source : copy.sources()) {
                if (!matchesAnything(source)) {
                    missing.add(source);
                }
            }
        }

        // THEN
        assertThat(missing).as("COPY sources of Dockerfile.jvm that the build did not produce").isEmpty();
    }

    /** The value of {@code PROJECTION_DB_CA_BUNDLE} in the projection service's task definition. */
    private static String caBundleVariable() {
        return Nodes.list(SamTemplate.load().containers().get(0).get("Environment")).stream()
                .map(Nodes::map)
                .filter(variable -> "PROJECTION_DB_CA_BUNDLE".equals(variable.get("Name")))
                .map(variable -> String.valueOf(variable.get("Value")))
                .findFirst()
                .orElse("(not set)");
    }

    /** Whether a COPY source, possibly with a {@code *} in its last part, names at least one file or folder. */
    private static boolean matchesAnything(String source) throws IOException {
        Path path = MODULE.resolve(source);
        if (!source.contains("*")) {
            return Files.exists(path);
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(path.getParent(), path.getFileName().toString())) {
            return matches.iterator().hasNext();
        }
    }
}
