package dev.eventpipeline.localstack.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.eventpipeline.lambda.runtime.LambdaRuntimeClient;

/**
 * A function's deployment package unpacked into its task root, and the classpath the managed Java runtime gives it:
 * the task root, then every jar in {@code lib/}, then the runtime client.
 */
final class FunctionPackage {

    private FunctionPackage() {
    }

    /**
     * Unpacks the zip into an empty {@code taskRoot}, replacing what an earlier run left there.
     *
     * @throws IOException when the zip cannot be read or an entry would land outside the task root
     */
    static void unpack(Path zip, Path taskRoot) throws IOException {
        deleteRecursively(taskRoot);
        Files.createDirectories(taskRoot);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                unpackEntry(entries, entry, taskRoot, zip);
            }
        }
    }

    /** {@code <taskRoot>:<taskRoot>/lib/*:<runtime client>}; the {@code java} launcher expands the wildcard. */
    static String classpath(Path taskRoot) {
        return String.join(File.pathSeparator, taskRoot.toString(), taskRoot.resolve("lib") + File.separator + "*",
                runtimeClientLocation().toString());
    }

    private static void unpackEntry(ZipInputStream entries, ZipEntry entry, Path taskRoot, Path zip) throws IOException {
        Path target = taskRoot.resolve(entry.getName()).normalize();
        if (!target.startsWith(taskRoot)) {
            throw new IOException("zip entry " + entry.getName() + " of " + zip + " points outside the task root");
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path runtimeClientLocation() {
        try {
            return Path.of(LambdaRuntimeClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the lambda-runtime-client jar on the classpath", e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
