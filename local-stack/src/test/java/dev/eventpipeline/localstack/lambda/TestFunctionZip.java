package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.localstack.lambda.testfunction.ScriptedHandler;

/**
 * Packages the test function the way {@code quarkus-amazon-lambda} packages {@code function.zip}: compiled classes at
 * the root, dependency jars in {@code lib/}.
 */
final class TestFunctionZip {

    private static final List<Class<?>> LIBRARIES = List.of(RequestStreamHandler.class, ObjectMapper.class,
            JsonFactory.class, JsonProperty.class);

    private TestFunctionZip() {
    }

    static Path build(Path directory) throws IOException {
        Path zip = directory.resolve("function.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            addClasses(entries);
            for (Class<?> library : LIBRARIES) {
                Path jar = location(library);
                add(entries, "lib/" + jar.getFileName(), jar);
            }
        }
        return zip;
    }

    private static void addClasses(ZipOutputStream entries) throws IOException {
        Path classes = location(ScriptedHandler.class);
        Path functionPackage = classes.resolve(ScriptedHandler.class.getPackageName().replace('.', '/'));
        try (Stream<Path> files = Files.walk(functionPackage)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                add(entries, classes.relativize(file).toString().replace('\\', '/'), file);
            }
        }
    }

    private static void add(ZipOutputStream entries, String name, Path file) throws IOException {
        entries.putNextEntry(new ZipEntry(name));
        Files.copy(file, entries);
        entries.closeEntry();
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
