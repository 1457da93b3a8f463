package dev.eventpipeline.localstack.lambda;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ShutdownHookTest {

    @TempDir
    Path workDir;

    @Test
    void start_shouldLeaveNoRuntimeProcess_whenHostJvmIsStoppedLikeCtrlC() throws Exception {
        // GIVEN
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), FunctionHost.class.getName(), workDir.toString())
                .redirectErrorStream(true)
                .start();
        long runtimePid = readRuntimePid(host);
        ProcessHandle runtime = ProcessHandle.of(runtimePid).orElseThrow();

        try {
            // WHEN
            host.destroy();

            // THEN
            assertThat(host.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !runtime.isAlive());
        } finally {
            // Whatever the outcome, this test leaves no process of its own behind either.
            host.destroyForcibly();
            runtime.destroyForcibly();
        }
    }

    private static long readRuntimePid(Process host) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        Optional<String> line = output.lines()
                .filter(text -> text.startsWith("runtime "))
                .findFirst();
        assertThat(line).as("the host printed its runtime's pid").isPresent();
        return Long.parseLong(line.get().substring("runtime ".length()).trim());
    }
}
