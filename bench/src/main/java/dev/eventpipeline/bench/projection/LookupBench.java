package dev.eventpipeline.bench.projection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.eventpipeline.bench.BenchMains;
import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.BenchReport;
import dev.eventpipeline.bench.BenchRunner;
import dev.eventpipeline.bench.Comparison;
import dev.eventpipeline.bench.Row;
import dev.eventpipeline.bench.Scratch;
import dev.eventpipeline.localstack.postgres.LocalPostgres;
import dev.eventpipeline.localstack.sqs.LocalSqs;
import dev.eventpipeline.projection.store.EventQueries;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code GET /events/lookup} of the packaged service (its {@code quarkus-run.jar}, started by this main on 127.0.0.1)
 * against pgbench running the identical SELECT, both with {@value #CONNECTIONS} connections and as many concurrent
 * clients (target: at least 0.4x). Build the service first: {@code ./mvnw -q -pl bench -am package -DskipTests}.
 */
public final class LookupBench {

    static final int CONNECTIONS = 4;
    static final int EVENTS = 20_000;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int WARM_UP_SECONDS = BenchMode.current() == BenchMode.QUICK ? 6 : 20;
    /** Ten seconds per side and round in a full run; shorter in a quick one. */
    static final Duration RUN = BenchMode.current().scaled(Duration.ofSeconds(10));
    static final Path SERVICE = Path.of("projection-service/target/quarkus-app/quarkus-run.jar");

    private LookupBench() {
    }

    public static void main(String[] args) {
        BenchMains.runAndExit(() -> run());
    }

    private static void run() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(0, Scratch.directory("lookup-bench-pg"), true);
                LocalSqs elasticMq = LocalSqs.start(0)) {
            int port = freePort();
            Process service = startService(postgres, elasticMq, port);
            try {
                BenchDatabase database = BenchDatabase.attach(postgres);
                Row row = new BenchRunner(BenchMode.current().repetitions(), System.out::println)
                        .run(new Lookup(database, port));
                double ceiling = httpCeiling();
                String ceilingFact = String.format("%.0f req/s, %.2fx of the pgbench figure (Quarkus REST hello app's"
                        + " GET /hello, same client and connections: the most any Quarkus REST endpoint answers here)",
                        ceiling, ceiling / row.baselineFigure());
                System.out.println("bench: HTTP ceiling: " + ceilingFact);
                BenchReport report = new BenchReport(List.of(row), Map.of("postgres", database.version(),
                        "events", Integer.toString(EVENTS), "connections", Integer.toString(CONNECTIONS),
                        "lookup http ceiling", ceilingFact), Instant.now());
                System.out.print(report.text());
                report.write(Path.of("bench/results/projection-lookup"));
            } finally {
                service.destroy();
            }
        }
    }

    /**
     * Requests/s of the hello app's {@code GET /hello} with the lookup's client: an upper bound for any Quarkus REST
     * endpoint on this machine, against which the lookup's target can be read.
     */
    private static double httpCeiling() throws Exception {
        try (AppProcess hello = AppProcess.start("hello-app", ProjectionStartupBench.HELLO_APP,
                ProjectionStartupBench.JVM_FLAGS, Map.of(), freePort(), Path.of("bench/results/projection-lookup"));
                Lookup client = new Lookup(null, hello.port(), "/hello")) {
            hello.awaitAnswer(HttpClient.newHttpClient(), "/hello");
            // Half the lookup's warm-up: the client is warm already, and the hello app's path is short.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS) / 2;
            while (System.nanoTime() < until) {
                client.measureSystem();
            }
            return client.measureSystem();
        }
    }

    /** The packaged service with its dev-profile defaults, pointed at this run's PostgreSQL and ElasticMQ. */
    private static Process startService(LocalPostgres postgres, LocalSqs elasticMq, int port) throws Exception {
        String queueUrl;
        try (SqsClient sqs = SqsClient.builder()
                .endpointOverride(elasticMq.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            queueUrl = sqs.createQueue(request -> request.queueName("projection.fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        }
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", SERVICE.toString())
                .redirectOutput(Path.of("bench/results/projection-lookup/service.log").toFile())
                .redirectErrorStream(true);
        Files.createDirectories(Path.of("bench/results/projection-lookup"));
        builder.environment().putAll(Map.of(
                // The dev profile's local defaults (no TLS to PostgreSQL, static SQS credentials); the rest from here.
                "QUARKUS_PROFILE", "dev",
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(),
                "QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER,
                "QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", Integer.toString(CONNECTIONS),
                "PROJECTION_QUEUE_URL", queueUrl,
                "QUARKUS_SQS_ENDPOINT_OVERRIDE", elasticMq.endpoint().toString(),
                "PROJECTION_POLLERS", "0"));
        Process service = builder.start();
        awaitReady(port);
        return service;
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // The service is still starting; poll again.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "the service was not ready within 90 s; see bench/results/projection-lookup/service.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** HTTP lookups against pgbench's SELECT. */
    static final class Lookup implements Comparison {

        private final BenchDatabase database;
        private final Vertx vertx = Vertx.vertx();
        private final io.vertx.core.http.HttpClient http;
        private final String fixedPath;
        private Path script;

        /** Vert.x's HTTP client, {@value #CONNECTIONS} keep-alive connections, one request in flight on each. */
        Lookup(BenchDatabase database, int port) {
            this(database, port, null);
        }

        /** The same client asking for one fixed path instead of lookups: {@link #httpCeiling()}. */
        Lookup(BenchDatabase database, int port, String fixedPath) {
            this.database = database;
            this.fixedPath = fixedPath;
            this.http = vertx.createHttpClient(new HttpClientOptions()
                    .setDefaultHost("127.0.0.1")
                    .setDefaultPort(port)
                    .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
        }

        @Override
        public Spec spec() {
            return new Spec("GET /events/lookup requests/s", "pgbench, identical SELECT, " + CONNECTIONS + " connections",
                    "req/s",
                    0.4, true);
        }

        @Override
        public void setUp() throws Exception {
            database.execute("CREATE TABLE IF NOT EXISTS bench_payload (p text)");
            database.execute("INSERT INTO bench_payload VALUES ('" + BenchRows.payload().replace("'", "''") + "')");
            database.execute("INSERT INTO event_log (stream, sequence, id, source, type, time, received_at, data, data_text)"
                    + " SELECT 'l' || i, 1, 'id-' || i, '" + BenchRows.SOURCE + "', 'Type' || (i % 5), now(), now(),"
                    + " p::jsonb, p FROM generate_series(1, " + EVENTS + ") i, bench_payload");
            database.execute("ANALYZE event_log");
            script = Scratch.file("lookup", ".pgbench");
            String select = EventQueries.LOOKUP.replace("$1", "'" + BenchRows.SOURCE + "'")
                    .replace("$2", "('id-' || :k)");
            Files.writeString(script, "\\set k random(1, " + EVENTS + ")\n" + select.replace('\n', ' ') + ";\n");
        }

        /**
         * Lookups for {@value #WARM_UP_SECONDS} s at least, then one pgbench round: the service's request path is
         * still being compiled after one short round (a quick run's first rounds tripled from one to the next).
         */
        @Override
        public void warmUp() throws Exception {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
            while (System.nanoTime() < until) {
                measureSystem();
            }
            measureBaseline();
        }

        @Override
        public double measureSystem() throws Exception {
            AtomicLong answered = new AtomicLong();
            AtomicReference<String> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(CONNECTIONS);
            long start = System.nanoTime();
            long end = start + RUN.toNanos();
            for (int i = 0; i < CONNECTIONS; i++) {
                lookUntil(end, answered, failure, done);
            }
            if (!done.await(RUN.plus(REQUEST_TIMEOUT).toMillis() * 2, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the lookup clients did not finish within twice the run: " + (CONNECTIONS
                        - done.getCount()) + " of " + CONNECTIONS + " done, " + answered.get()
                        + " answers; see bench/results/projection-lookup/service.log");
            }
            if (failure.get() != null) {
                throw new IllegalStateException(failure.get());
            }
            return answered.get() / ((System.nanoTime() - start) / 1e9);
        }

        /** One client: a lookup, and the next one when its answer is in, until the end of the run. */
        private void lookUntil(long end, AtomicLong answered, AtomicReference<String> failure, CountDownLatch done) {
            if (System.nanoTime() >= end || failure.get() != null) {
                done.countDown();
                return;
            }
            int k = ThreadLocalRandom.current().nextInt(1, EVENTS + 1);
            // Bounded: a request left unanswered fails the run with its id instead of holding it forever.
            http.request(new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setURI(fixedPath != null ? fixedPath : "/events/lookup?source=" + BenchRows.SOURCE + "&id=id-" + k)
                    .setIdleTimeout(REQUEST_TIMEOUT.toMillis()))
                    .compose(request -> request.send())
                    .compose(response -> response.body().map(body -> response.statusCode()))
                    .onComplete(result -> {
                        if (result.succeeded() && result.result() == 200) {
                            answered.incrementAndGet();
                        } else {
                            failure.compareAndSet(null, "lookup of id-" + k + " failed: "
                                    + (result.succeeded() ? "status " + result.result() : result.cause()));
                        }
                        lookUntil(end, answered, failure, done);
                    });
        }

        @Override
        public double measureBaseline() throws Exception {
            return database.pgbench(script, CONNECTIONS, "-T", Long.toString(RUN.toSeconds()));
        }

        @Override
        public void close() {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
