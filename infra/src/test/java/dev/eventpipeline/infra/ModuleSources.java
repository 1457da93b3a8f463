package dev.eventpipeline.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a module's own files say about its configuration: the environment variables its code and
 * {@code application.properties} read, and the extensions its {@code pom.xml} declares.
 * <p>
 * A variable counts as read when the code calls {@code System.getenv("NAME")}, when a string of the code or a value
 * of {@code application.properties} expands {@code ${NAME}} or {@code ${NAME:default}}, or when
 * {@code application.properties} declares the property that Quarkus fills from that variable (SmallRye Config maps
 * {@code quarkus.datasource.jdbc.url} to {@code QUARKUS_DATASOURCE_JDBC_URL}). Lines of the {@code %dev} and
 * {@code %test} profiles are left out: they never run in AWS.
 */
record ModuleSources(Path dir) {

    private static final Pattern EXPANSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*\\)");
    private static final Set<String> LAMBDA_EXTENSIONS = Set.of("quarkus-amazon-lambda", "quarkus-amazon-lambda-http",
            "quarkus-amazon-lambda-rest", "quarkus-funqy-amazon-lambda");

    String name() {
        return dir.getFileName().toString();
    }

    Path applicationProperties() {
        return dir.resolve("src/main/resources/application.properties");
    }

    boolean hasApplicationProperties() {
        return Files.isRegularFile(applicationProperties());
    }

    /** Whether the pom declares a Quarkus Lambda extension, without which the build makes no {@code function.zip}. */
    boolean buildsLambdaFunction() {
        String pom = text(dir.resolve("pom.xml"));
        return LAMBDA_EXTENSIONS.stream().anyMatch(extension -> pom.contains("<artifactId>" + extension + "</artifactId>"));
    }

    /** Variables read by name: {@code getenv} and {@code ${NAME}} expansions. */
    Set<String> environmentReads() {
        Set<String> names = new TreeSet<>();
        javaSources().forEach(source -> {
            names.addAll(matches(GETENV, source));
            names.addAll(matches(EXPANSION, source));
        });
        runtimeProperties().values().forEach(value -> names.addAll(matches(EXPANSION, String.valueOf(value))));
        return names;
    }

    /** Variables that fill a property declared in {@code application.properties}, by SmallRye Config's mapping. */
    Set<String> propertyVariables() {
        Set<String> names = new TreeSet<>();
        runtimeProperties().stringPropertyNames().forEach(key -> names.add(environmentName(key)));
        return names;
    }

    /** {@code quarkus.datasource.reactive.url} becomes {@code QUARKUS_DATASOURCE_REACTIVE_URL}. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The properties of the default and {@code %prod} profiles, with the {@code %prod.} prefix removed. */
    private Properties runtimeProperties() {
        Properties all = new Properties();
        if (hasApplicationProperties()) {
            try (Reader reader = Files.newBufferedReader(applicationProperties())) {
                all.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + applicationProperties(), e);
            }
        }
        Properties runtime = new Properties();
        all.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%") || key.startsWith("%prod."))
                .forEach(key -> runtime.setProperty(key.replaceFirst("^%prod\\.", ""), all.getProperty(key)));
        return runtime;
    }

    private Stream<String> javaSources() {
        Path sources = dir.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream().map(ModuleSources::text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sources, e);
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
