package dev.eventpipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders and files of a bench run (PostgreSQL data directories, the local pipeline's data, replay files),
 * deleted when the JVM exits, also after SIGTERM: a full run creates more than a gigabyte of them, and a benchmark must
 * not fill the disk it measures on. Whatever a reader may want after the run (service logs, the table) goes under
 * {@code bench/results} instead.
 */
public final class Scratch {

    private Scratch() {
    }

    /** A new empty folder under the system's temporary folder, deleted with everything in it at exit. */
    public static Path directory(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        deleteAtExit(directory);
        return directory;
    }

    /** A new empty file under the system's temporary folder, deleted at exit. */
    public static Path file(String prefix, String suffix) throws IOException {
        Path file = Files.createTempFile(prefix, suffix);
        deleteAtExit(file);
        return file;
    }

    private static void deleteAtExit(Path path) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(path), "scratch-" + path.getFileName()));
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // A server stopping at the same moment may still remove or add a file; the rest still goes.
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete " + root + ": " + e.getMessage());
        }
    }
}
