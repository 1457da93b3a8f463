package dev.eventpipeline.localstack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Regression: after {@code kill -9} of the local pipeline's launcher, PostgreSQL and the projection service kept
 * running and held their ports (found by a first-time user). The guard stops what it watches when the launcher dies,
 * and nothing when the launcher ends normally.
 */
class OrphanGuardTest {

    @Test
    void watchedProcess_isStopped_whenTheLauncherIsKilled() throws Exception {
        // GIVEN a launcher whose guard watches a long-lived process
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process launcher = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                GuardedLauncher.class.getName())).redirectErrorStream(true).start();
        long servicePid = -1;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            servicePid = Long.parseLong(out.readLine().trim());
            ProcessHandle service = ProcessHandle.of(servicePid).orElseThrow();
            assertThat(service.isAlive()).isTrue();

            // WHEN the launcher is killed outright
            launcher.destroyForcibly().waitFor();

            // THEN the guard stops the process it watched
            await().atMost(Duration.ofSeconds(30)).until(() -> !service.isAlive());
        } finally {
            launcher.destroyForcibly();
            ProcessHandle.of(servicePid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void watchedProcess_isLeftAlone_whenTheLauncherClosesTheGuard() throws Exception {
        Process service = new ProcessBuilder("sleep", "300").start();
        try {
            OrphanGuard guard = OrphanGuard.start();
            guard.watch("the test service", service.pid(), false);

            // close() returns once the guard process has exited: it can no longer stop anything
            guard.close();

            // The launcher stops its own processes; the guard only stood down.
            assertThat(service.isAlive()).isTrue();
        } finally {
            service.destroyForcibly();
        }
    }
}
