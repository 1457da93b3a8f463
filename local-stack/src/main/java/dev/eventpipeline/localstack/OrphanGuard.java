package dev.eventpipeline.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops the local pipeline's long-lived processes when the process that started them dies without stopping them
 * ({@code kill -9}, out of memory): PostgreSQL and the projection service would otherwise keep running, hold their
 * ports and refuse the next start.
 * <p>
 * The guard is a small process of its own. The launcher tells it, over the guard's standard input, each process to
 * watch; when the launcher ends normally it says {@code done} and the guard exits without touching anything. When the
 * launcher dies, the kernel closes that pipe: the guard reads the end of its input without {@code done}, and stops what
 * it watches, the last registered first (the service before the database it uses). The function runtimes need no
 * guard: they end with the process that started them on their own.
 */
public final class OrphanGuard implements AutoCloseable {

    /** How long a watched process may take to stop after its signal before it is killed. */
    private static final long STOP_SECONDS = 20;

    private final Process guard;
    private final Writer commands;

    private OrphanGuard(Process guard) {
        this.guard = guard;
        this.commands = new OutputStreamWriter(guard.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts a guard for this JVM, with this JVM's class path. */
    public static OrphanGuard start() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                OrphanGuard.class.getName(), Long.toString(ProcessHandle.current().pid()));
        try {
            return new OrphanGuard(new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the process that stops the pipeline's services if this one dies",
                    e);
        }
    }

    /**
     * Has the guard stop the process if this JVM dies first.
     *
     * @param name how the guard's message names it
     * @param interrupt stop it with SIGINT instead of SIGTERM (PostgreSQL's fast shutdown, which does not wait for
     *        clients to disconnect)
     */
    public synchronized void watch(String name, long pid, boolean interrupt) {
        send("watch " + pid + " " + (interrupt ? "INT" : "TERM") + " " + name);
    }

    /** Ends the guard: this JVM stops its processes itself. */
    @Override
    public synchronized void close() {
        try {
            send("done");
            commands.close();
            if (!guard.waitFor(5, TimeUnit.SECONDS)) {
                guard.destroyForcibly();
            }
        } catch (IOException | UncheckedIOException e) {
            guard.destroyForcibly();
        } catch (InterruptedException e) {
            guard.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void send(String line) {
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the orphan guard (pid " + guard.pid() + ") is gone", e);
        }
    }

    /** The guard process: {@code OrphanGuard <launcher pid>}, commands on standard input. */
    public static void main(String[] args) throws IOException, InterruptedException {
        String launcher = args.length > 0 ? args[0] : "?";
        Deque<String[]> watched = new ArrayDeque<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("done")) {
                    return;
                }
                if (line.startsWith("watch ")) {
                    watched.push(line.split(" ", 4));
                }
            }
        }
        for (String[] entry : watched) {
            stop(launcher, Long.parseLong(entry[1]), entry[2], entry.length > 3 ? entry[3] : "process");
        }
    }

    private static void stop(String launcher, long pid, String signal, String name)
            throws IOException, InterruptedException {
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        if (process == null || !process.isAlive()) {
            return;
        }
        System.err.printf("local pipeline: the launcher (pid %s) is gone; stopping %s (pid %d)%n", launcher, name, pid);
        if (signal.equals("INT")) {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        } else {
            process.destroy();
        }
        try {
            process.onExit().get(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            System.err.printf("local pipeline: %s (pid %d) did not stop within %d s; killing it%n", name, pid,
                    STOP_SECONDS);
            process.destroyForcibly();
        }
    }
}
