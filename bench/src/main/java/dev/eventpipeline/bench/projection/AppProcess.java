package dev.eventpipeline.bench.projection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus application ({@code quarkus-run.jar}) in a JVM of its own on 127.0.0.1, as a container starts
 * it: how long it takes to answer, and how much memory it holds.
 */
final class AppProcess implements AutoCloseable {

    /** How often a starting application is asked whether it answers yet. */
    private static final Duration POLL = Duration.ofMillis(5);
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private final String name;
    private final Process process;
    private final long startedAt;
    private final int port;
    private final Path log;

    private AppProcess(String name, Process process, long startedAt, int port, Path log) {
        this.name = name;
        this.process = process;
        this.startedAt = startedAt;
        this.port = port;
        this.log = log;
    }

    /**
     * Spawns {@code java <jvmFlags> -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=<port> -jar <jar>}; its output
     * goes to {@code <logFolder>/<name>.log}, overwritten by each start.
     */
    static AppProcess start(String name, Path jar, List<String> jvmFlags, Map<String, String> environment, int port,
            Path logFolder) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built; build it with ./mvnw -q -pl bench -am package"
                    + " -DskipTests from the project root, and run the benchmark from there");
        }
        Files.createDirectories(logFolder);
        Path log = logFolder.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port, "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long startedAt = System.nanoTime();
        return new AppProcess(name, builder.start(), startedAt, port, log);
    }

    int port() {
        return port;
    }

    /**
     * Asks {@code path} until it answers 200.
     *
     * @return milliseconds from the spawn of the JVM to that answer
     */
    double awaitAnswer(HttpClient http, String path) throws IOException, InterruptedException {
        long deadline = startedAt + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see "
                        + log);
            }
            if (answers(http, path)) {
                return (System.nanoTime() - startedAt) / 1e6;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException(name + " did not answer 200 on " + path + " within " + START_LIMIT + "; see " + log);
    }

    /** One request that must answer 200, e.g. the first real request after startup. */
    void request(HttpClient http, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + response.statusCode() + " on " + path + ": "
                    + response.body());
        }
    }

    /** The resident set size of the JVM, {@code VmRSS} of {@code /proc/<pid>/status}, in MiB. */
    double residentMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                long kib = Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                return kib / 1024.0;
            }
        }
        throw new IOException("/proc/" + process.pid() + "/status of " + name + " has no VmRSS line");
    }

    private boolean answers(HttpClient http, String path) throws IOException, InterruptedException {
        try {
            return http.send(get(path), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            // Refused, or reset while the HTTP server comes up: ask again.
            return false;
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Kills the JVM and waits until it is gone, so that the next start has the machine to itself. A graceful stop is
     * not needed: the run is over, and the service's pollers would otherwise finish their 20 s long poll first.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") did not exit after SIGKILL");
        }
    }
}
