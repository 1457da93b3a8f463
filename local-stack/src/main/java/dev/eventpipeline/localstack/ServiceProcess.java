package dev.eventpipeline.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A long-running service in its own process (the projection service, as its container runs it on Fargate): its lines
 * prefixed with its name, stopped with SIGTERM first so that it drains as it would when ECS stops the task.
 */
final class ServiceProcess implements AutoCloseable {

    /** As long as the task definition's stop timeout allows for draining; then the process is killed. */
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final String name;
    private final Process process;
    private final Thread shutdownHook;

    private ServiceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        // SIGTERM first here too: when this JVM stops, the hook runs beside the pipeline's own stop, and a killed
        // service would leave its open long polls behind in the queue.
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static ServiceProcess start(String name, List<String> command, Map<String, String> environment, Path directory,
            Consumer<String> log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            pipe(process.getInputStream(), "[" + name + "] ", log);
            pipe(process.getErrorStream(), "[" + name + "] ", log);
            return new ServiceProcess(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down already; the hook stops the process then.
        }
    }

    /** SIGTERM, then SIGKILL if the process is still there after {@value #STOP_TIMEOUT_SECONDS} s. */
    private void stop() {
        // Through the handle: Process.destroy() would also close the pipes at once, and the service's last lines
        // (how its shutdown went) would be lost.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void pipe(InputStream stream, String prefix, Consumer<String> log) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    log.accept(prefix + line);
                }
            } catch (IOException e) {
                log.accept(prefix + "(output closed: " + e.getMessage() + ")");
            }
        }, "log-" + prefix.trim());
        reader.setDaemon(true);
        reader.start();
    }
}
