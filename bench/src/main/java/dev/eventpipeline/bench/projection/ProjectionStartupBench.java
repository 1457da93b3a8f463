package dev.eventpipeline.bench.projection;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventpipeline.bench.BenchMains;
import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.BenchReport;
import dev.eventpipeline.bench.BenchRunner;
import dev.eventpipeline.bench.Comparison;
import dev.eventpipeline.bench.Row;
import dev.eventpipeline.bench.Scratch;
import dev.eventpipeline.localstack.LocalAws;
import dev.eventpipeline.localstack.postgres.LocalPostgres;
import dev.eventpipeline.localstack.sqs.LocalSqs;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The packaged projection service against a Quarkus REST hello app built from the same BOM ({@code bench/hello-app}),
 * each started as a fresh JVM with the same flags, alternately (targets: at most 1.5x each):
 * <ul>
 * <li>milliseconds from spawning the JVM to the first 200 of its readiness: {@code /q/health/ready} of the service
 * (which checks PostgreSQL and SQS), {@code GET /hello} of the hello app;</li>
 * <li>resident memory ({@code VmRSS}) right after the first real request: {@code GET /events?limit=1} against
 * {@code GET /hello}.</li>
 * </ul>
 * The service runs as the local pipeline runs it (profiles {@code prod,local}) against PostgreSQL 16 and ElasticMQ that
 * this main starts on 127.0.0.1, with its schema already migrated after the warm-up start, as on every task start
 * but the first in AWS. Build first, then run from the project root: {@code ./mvnw -q -pl bench -am package
 * -DskipTests}.
 */
public final class ProjectionStartupBench {

    static final Path SERVICE = Path.of("projection-service/target/quarkus-app/quarkus-run.jar");
    static final Path HELLO_APP = Path.of("bench/hello-app/target/quarkus-app/quarkus-run.jar");
    static final Path RESULTS = Path.of("bench/results/projection-startup");

    /**
     * The flags both JVMs get. {@code -XX:MaxRAM=1g}: the JVM sizes its initial heap for the 1 GiB of the Fargate task
     * (the container limit it sees there), not for this machine's memory, where a heap of 1/64 of the machine would
     * never be collected during startup and the figure would count startup garbage. The maximum heap is the local
     * pipeline's; the log manager is the one the Dockerfile sets.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:MaxRAM=1g", "-Xmx512m",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

    private static final String REGION = "eu-west-1";
    private static final String BASELINE = "Quarkus REST hello app, same BOM and JVM flags";

    private ProjectionStartupBench() {
    }

    public static void main(String[] args) {
        BenchMains.runAndExit(() -> run());
    }

    private static void run() throws Exception {
        BenchRunner runner = new BenchRunner(BenchMode.current().repetitions(), System.out::println);
        List<Row> rows = new ArrayList<>();
        VersusHelloApp startup = new VersusHelloApp();
        try (startup) {
            rows.add(runner.run(startup));
        }
        rows.add(runner.run(new MemoryOfTheSameLaunches(startup)));
        BenchReport report = new BenchReport(rows, startup.facts(), Instant.now());
        System.out.print(report.text());
        report.write(RESULTS);
    }

    /**
     * The startup row: the service against the hello app, one fresh JVM of each per repetition. Each JVM also answers
     * its first real request, after its startup was timed, and its memory then is kept for
     * {@link MemoryOfTheSameLaunches}: the two rows come from the same launches, which halves the area's time.
     */
    static final class VersusHelloApp implements Comparison {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Deque<Double> serviceMemory = new ArrayDeque<>();
        private final Deque<Double> helloMemory = new ArrayDeque<>();
        private Path folder;
        private LocalPostgres postgres;
        private LocalSqs elasticMq;
        private Map<String, String> serviceEnvironment;

        @Override
        public Spec spec() {
            return new Spec("projection service startup to ready", BASELINE, "ms", 1.5, false);
        }

        @Override
        public void setUp() throws IOException {
            folder = Scratch.directory("projection-startup-bench");
            postgres = LocalPostgres.start(0, folder.resolve("postgres"), true);
            elasticMq = LocalSqs.start(0);
            serviceEnvironment = serviceEnvironment(createQueue());
        }

        @Override
        public double measureSystem() throws Exception {
            return measure(AppProcess.start("projection-service", SERVICE, JVM_FLAGS, serviceEnvironment, freePort(),
                    RESULTS), "/q/health/ready", "/events?limit=1", serviceMemory);
        }

        @Override
        public double measureBaseline() throws Exception {
            return measure(AppProcess.start("hello-app", HELLO_APP, JVM_FLAGS, Map.of(), freePort(), RESULTS), "/hello",
                    "/hello", helloMemory);
        }

        /** Milliseconds to the first 200 of the readiness path; the memory after the first request goes to the deque. */
        private double measure(AppProcess started, String readiness, String firstRequest, Deque<Double> memory)
                throws Exception {
            try (AppProcess app = started) {
                double startupMillis = app.awaitAnswer(http, readiness);
                app.request(http, firstRequest);
                memory.addLast(app.residentMib());
                return startupMillis;
            }
        }

        private String createQueue() {
            try (SqsClient sqs = LocalAws.sqs(elasticMq.endpoint(), REGION)) {
                return sqs.createQueue(request -> request.queueName("projection.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                                QueueAttributeName.VISIBILITY_TIMEOUT, "120")))
                        .queueUrl();
            }
        }

        /** What the local pipeline hands the service: production settings, local PostgreSQL and SQS. */
        private Map<String, String> serviceEnvironment(String queueUrl) throws IOException {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("QUARKUS_PROFILE", "prod,local");
            environment.put("AWS_REGION", REGION);
            environment.put("AWS_ACCESS_KEY_ID", LocalAws.CREDENTIALS);
            environment.put("AWS_SECRET_ACCESS_KEY", LocalAws.CREDENTIALS);
            environment.put("QUARKUS_SQS_ENDPOINT_OVERRIDE", elasticMq.endpoint().toString());
            environment.put("PROJECTION_QUEUE_URL", queueUrl);
            // Each killed service leaves its pollers' receives open in ElasticMQ, which stops only when they end:
            // 1 s receives instead of 20 s keep the area's end short, and change nothing about startup or memory.
            environment.put("PROJECTION_WAIT_TIME_SECONDS", "1");
            environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl());
            environment.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
            // The local server trusts 127.0.0.1 and ignores the password; an empty one would read as missing.
            environment.put("QUARKUS_DATASOURCE_PASSWORD", LocalAws.CREDENTIALS);
            environment.put("PROJECTION_DB_CA_BUNDLE", placeholderCaBundle().toString());
            return environment;
        }

        /** The prod profile names a CA bundle even with TLS off locally; local-stack's placeholder satisfies the read. */
        private Path placeholderCaBundle() throws IOException {
            Path bundle = folder.resolve("placeholder-ca.pem");
            try (InputStream pem = LocalSqs.class.getResourceAsStream("/placeholder-ca.pem")) {
                Files.copy(pem, bundle, StandardCopyOption.REPLACE_EXISTING);
            }
            return bundle;
        }

        @Override
        public Map<String, String> facts() {
            return Map.of("jvm flags", String.join(" ", JVM_FLAGS), "service profile", "prod,local");
        }

        @Override
        public void close() throws IOException {
            if (elasticMq != null) {
                elasticMq.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /**
     * The memory row: the resident memory each JVM of {@link VersusHelloApp} had after its first request, taken in the
     * order they were launched (the warm-up launch first), so that its warm-up and repetitions are the same launches.
     */
    static final class MemoryOfTheSameLaunches implements Comparison {

        private final VersusHelloApp launches;

        MemoryOfTheSameLaunches(VersusHelloApp launches) {
            this.launches = launches;
        }

        @Override
        public Spec spec() {
            return new Spec("projection service RSS after first request", BASELINE, "MiB", 1.5, false);
        }

        @Override
        public void setUp() {
        }

        @Override
        public double measureSystem() {
            return launches.serviceMemory.removeFirst();
        }

        @Override
        public double measureBaseline() {
            return launches.helloMemory.removeFirst();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
