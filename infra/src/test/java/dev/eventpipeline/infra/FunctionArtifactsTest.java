package dev.eventpipeline.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each function's {@code CodeUri} is the {@code function.zip} that the Quarkus build of its module writes (the runner
 * jar's classes at the root, dependencies under {@code lib/}), and the class its {@code Handler} names is in it.
 */
class FunctionArtifactsTest {

    static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    static Stream<String> functions() {
        return TEMPLATE.resourcesOfType(SamTemplate.FUNCTION).keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void handler_shouldBeQuarkusStreamHandler_whenTheFunctionIsAQuarkusFunction(String function) {
        // GIVEN a function of this pipeline (all of them are Quarkus functions)

        // WHEN
        Object handler = TEMPLATE.functionProperty(function, "Handler");

        // THEN
        assertThat(handler).as("Handler of %s", function).isEqualTo(QUARKUS_HANDLER);
    }

    @ParameterizedTest
    @MethodSource("functions")
    void codeUri_shouldBeTheBuiltFunctionZip_whenTheModuleBuildsALambdaFunction(String function) {
        // GIVEN
        ModuleSources module = new ModuleSources(TEMPLATE.functionModule(function));
        assumeBuildsLambdaFunction(module);

        // WHEN
        Path codeUri = TEMPLATE.codeUri(function);

        // THEN
        assertThat(codeUri)
                .as("CodeUri of %s; build it with ./mvnw package (or ./mvnw -pl infra -am verify)", function)
                .isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("functions")
    void handlerClass_shouldBeInTheFunctionZip_whenTheModuleBuildsALambdaFunction(String function) {
        // GIVEN
        ModuleSources module = new ModuleSources(TEMPLATE.functionModule(function));
        assumeBuildsLambdaFunction(module);
        String handlerClass = String.valueOf(TEMPLATE.functionProperty(function, "Handler")).split("::")[0];

        // WHEN
        Set<String> classes = classesIn(TEMPLATE.codeUri(function));

        // THEN
        assertThat(classes).as("classes in %s", TEMPLATE.codeUri(function)).contains(handlerClass);
    }

    private static void assumeBuildsLambdaFunction(ModuleSources module) {
        assumeTrue(module.buildsLambdaFunction(), () -> module.name() + " is still a skeleton: its pom.xml declares no"
                + " Quarkus Lambda extension, so its build makes no function.zip to check yet");
    }

    /** Class names at the zip's root and in the jars under {@code lib/}, as the Lambda Java runtime loads them. */
    private static Set<String> classesIn(Path zip) {
        Set<String> classes = new TreeSet<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                addClass(classes, entry.getName());
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    addJarClasses(classes, file.getInputStream(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
        return classes;
    }

    private static void addJarClasses(Set<String> classes, InputStream jar) throws IOException {
        try (ZipInputStream entries = new ZipInputStream(jar)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                addClass(classes, entry.getName());
            }
        }
    }

    private static void addClass(Set<String> classes, String entryName) {
        if (entryName.endsWith(".class")) {
            classes.add(entryName.substring(0, entryName.length() - ".class".length()).replace('/', '.'));
        }
    }
}
