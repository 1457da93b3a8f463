package dev.eventpipeline.bench.ingest;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.eventpipeline.bench.Comparison;

/**
 * Milliseconds from spawning a function's JVM to the response of its first invocation (an event stored): the packaged
 * ingest function (its runner jar, with {@code QuarkusStreamHandler} as AWS's Java runtime loads it) against
 * {@link PlainJavaHandler} doing the same write with the same SDK client. Both run under {@link LambdaJavaRuntime}
 * with the same JVM flags, each with a Runtime API of its own, so an invocation never goes to the long poll of a
 * function already stopped.
 */
final class IngestColdStartComparison implements Comparison {

    /**
     * What AWS's java17 and java21 runtimes start a function's JVM with: the serial collector, and tiered compilation
     * stopped at C1 (level 1). The same for both functions.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html">Customize Java runtime startup
     *      behavior</a>
     */
    private static final List<String> JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * The libraries a plain Java handler's deployment package would hold, by Maven group: the event model, the AWS SDK
     * with its URL-connection client, Jackson. Not the whole benchmark classpath: its other jars (PostgreSQL, ElasticMQ,
     * Scala, which the SDK probes for its user agent) would slow the baseline's class loading in a way AWS never would.
     */
    private static final List<String> PLAIN_PACKAGE = List.of("dev.eventpipeline/event-model", "io.cloudevents",
            "com.fasterxml.jackson.core", "software.amazon", "org.slf4j", "org.reactivestreams");
    /** Jars of {@link #PLAIN_PACKAGE} that carry no Maven coordinates, by the start of their file name. */
    private static final List<String> PLAIN_PACKAGE_WITHOUT_COORDINATES = List.of("reactive-streams-",
            "third-party-jackson-core-");

    private final IngestFixture fixture;
    private final Path app;
    private final Path logs;
    private int start;

    IngestColdStartComparison(IngestFixture fixture, Path app, Path logs) {
        this.fixture = fixture;
        this.app = app;
        this.logs = logs;
    }

    @Override
    public Spec spec() {
        return new Spec("ingest cold start to first stored event", "plain Java stream handler, same SDK write", "ms",
                1.2, false);
    }

    @Override
    public void setUp() {
        // Nothing to prepare: every measurement starts a fresh JVM.
    }

    @Override
    public double measureSystem() throws Exception {
        return coldStart(app + File.pathSeparator + ownClasses(), IngestFixture.QUARKUS_HANDLER, "quarkus");
    }

    @Override
    public double measureBaseline() throws Exception {
        return coldStart(plainPackage(), PlainJavaHandler.class.getName(), "plain");
    }

    private double coldStart(String classpath, String handler, String name) throws Exception {
        try (LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start()) {
            long started = System.nanoTime();
            Process function = spawn(runtimeApi, classpath, handler, name + "-" + (++start));
            try {
                String event = IngestFixture.apiGatewayEvent("cold/" + UUID.randomUUID());
                CompletableFuture<String> answer = runtimeApi.invoke(event);
                // A function that dies while starting never answers: end the wait with its exit instead.
                CompletableFuture.anyOf(answer, function.onExit()).get(2, TimeUnit.MINUTES);
                if (!answer.isDone()) {
                    throw new IllegalStateException(name + " exited with status " + function.exitValue()
                            + " before its first answer; see " + logs.resolve(name + "-" + start + ".log"));
                }
                IngestFixture.requireStored(answer.get());
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            } finally {
                stop(function);
            }
        }
    }

    private Process spawn(LambdaRuntimeApi runtimeApi, String classpath, String handler, String name) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", classpath, LambdaJavaRuntime.class.getName(), handler));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", fixture.endpoint());
        env.put("AWS_REGION", IngestFixture.REGION);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("EVENTS_TABLE", IngestFixture.EVENTS_TABLE);
        env.put("DEDUP_TABLE", IngestFixture.DEDUP_TABLE);
        return builder.start();
    }

    private static void stop(Process function) throws InterruptedException {
        function.destroy();
        if (!function.waitFor(10, TimeUnit.SECONDS)) {
            function.destroyForcibly();
        }
    }

    private static String plainPackage() {
        List<String> classpath = new ArrayList<>(List.of(ownClasses()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (inPlainPackage(Path.of(entry))) {
                classpath.add(entry);
            }
        }
        return String.join(File.pathSeparator, classpath);
    }

    /**
     * Whether a class path entry belongs to {@link #PLAIN_PACKAGE}: a jar by the Maven coordinates it carries in
     * {@code META-INF/maven} (whether it comes from the local repository or from {@code bench/target/lib}), a
     * reactor module's classes folder by its path.
     */
    private static boolean inPlainPackage(Path entry) {
        if (Files.isDirectory(entry)) {
            String path = entry.toAbsolutePath().toString().replace(File.separatorChar, '/');
            return PLAIN_PACKAGE.stream().anyMatch(group -> path.contains("/" + group.substring(group.indexOf('/') + 1)
                    + "/"));
        }
        String file = entry.getFileName().toString();
        if (PLAIN_PACKAGE_WITHOUT_COORDINATES.stream().anyMatch(file::startsWith)) {
            return true;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            return jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties"))
                    .anyMatch(name -> PLAIN_PACKAGE.stream().anyMatch(group -> name.startsWith("META-INF/maven/" + group)));
        } catch (IOException e) {
            return false;
        }
    }

    private static String ownClasses() {
        try {
            return Path.of(LambdaJavaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmark's classes", e);
        }
    }
}
