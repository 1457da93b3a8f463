package dev.eventpipeline.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DockerfileTest {

    @Test
    void sources_shouldLeaveOutFlagsAndDestination_whenACopySpansLines(@TempDir Path dir) throws IOException {
        // GIVEN
        Path file = Files.writeString(dir.resolve("Dockerfile"), """
                # comment COPY not/this /here
                FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5
                COPY --chown=185 --chmod=0755 \\
                    target/a-runner target/b.jar \\
                    /deployments/
                add https://example.invalid/x.tar.gz /opt/
                USER 185
                """);

        // WHEN
        Dockerfile dockerfile = Dockerfile.read(file);

        // THEN
        assertThat(dockerfile.all("COPY")).singleElement()
                .extracting(Dockerfile.Instruction::sources)
                .isEqualTo(List.of("target/a-runner", "target/b.jar"));
        assertThat(dockerfile.all("ADD")).singleElement()
                .extracting(Dockerfile.Instruction::sources)
                .isEqualTo(List.of("https://example.invalid/x.tar.gz"));
        assertThat(dockerfile.instructions()).extracting(Dockerfile.Instruction::keyword)
                .containsExactly("FROM", "COPY", "ADD", "USER");
    }
}
