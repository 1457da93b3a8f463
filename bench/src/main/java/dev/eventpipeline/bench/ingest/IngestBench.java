package dev.eventpipeline.bench.ingest;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.LocalDynamoDb;
import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.EventTables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Measures the ingest function against its raw baselines, all against one local DynamoDB on 127.0.0.1:
 * <ol>
 * <li>Cold start: from spawning the JVM to the response of its first invocation (an event stored), for the packaged
 * ingest function (its runner jar, as the Lambda custom runtime starts it) and for {@link PlainJavaHandler}, rounds
 * interleaved. Target: at most
 * 1.2x.</li>
 * <li>Throughput: events stored per second by the warm ingest function, loaded in this JVM ({@link InProcessFunction})
 * and invoked one event at a time (the concurrency of one Lambda instance), against {@link RawAppend} from the same
 * thread, rounds interleaved after a warm-up. Target: at least 0.8x.</li>
 * </ol>
 * Run after {@code ./mvnw -pl ingest-lambda -am package}; the function's path is the system property
 * {@code bench.ingest.app} (default {@code ingest-lambda/target/ingest-lambda-0.1.0-SNAPSHOT-runner.jar}). Bounded to about
 * five
 * minutes.
 */
public final class IngestBench {

    private static final String EVENTS_TABLE = "events";
    private static final String DEDUP_TABLE = "events-dedup";
    private static final String REGION = "us-east-1";
    private static final int COLD_START_ROUNDS = 3;
    private static final int WARM_UP_EVENTS = 300;
    private static final int ROUND_EVENTS = 200;
    private static final int THROUGHPUT_ROUNDS = 5;
    private static final int SUBJECTS = 16;
    private static final long TIME_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";

    private final LocalDynamoDb dynamoDb;
    private final Path app;
    private final Path logs;
    private final long deadline = System.nanoTime() + TIME_LIMIT_NANOS;

    private IngestBench(LocalDynamoDb dynamoDb, Path app, Path logs) {
        this.dynamoDb = dynamoDb;
        this.app = app;
        this.logs = logs;
    }

    public static void main(String[] args) throws Exception {
        // The JDK's HTTP server (local DynamoDB, Runtime API) waits on delayed ACKs without it: ~40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path app = Path
                .of(System.getProperty("bench.ingest.app", "ingest-lambda/target/ingest-lambda-0.1.0-SNAPSHOT-runner.jar"));
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app.toAbsolutePath() + " is missing; build it first with"
                    + " ./mvnw -pl ingest-lambda -am package -DskipTests");
        }
        Path logs = Files.createTempDirectory("ingest-bench");
        try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(0, null)) {
            IngestBench bench = new IngestBench(dynamoDb, app, logs);
            bench.createTables();
            bench.coldStarts();
            bench.throughput();
        }
        System.out.println("function logs: " + logs);
    }

    private void coldStarts() throws Exception {
        List<Long> quarkus = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        for (int round = 1; round <= COLD_START_ROUNDS && withinTime(); round++) {
            quarkus.add(coldStart(quarkusCommand(), "quarkus-" + round));
            plain.add(coldStart(plainCommand(), "plain-" + round));
            System.out.printf("cold start round %d: ingest function %d ms, plain Java handler %d ms%n", round,
                    quarkus.get(round - 1), plain.get(round - 1));
        }
        long quarkusMedian = median(quarkus);
        long plainMedian = median(plain);
        System.out.printf("cold start median: ingest function %d ms, plain Java handler %d ms, ratio %.2fx (target <= 1.2x)%n",
                quarkusMedian, plainMedian, (double) quarkusMedian / plainMedian);
    }

    /**
     * Milliseconds from spawning the function's JVM to the response to its first invocation. Each function gets its own
     * Runtime API, so an invocation can never go to the long poll of a function already stopped.
     */
    private long coldStart(List<String> command, String name) throws Exception {
        try (LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start()) {
            long started = System.nanoTime();
            Process function = spawn(runtimeApi, command, name);
            try {
                String response = runtimeApi.invoke(apiGatewayEvent(newSubject("cold"))).get(2, TimeUnit.MINUTES);
                requireStored(response);
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            } finally {
                stop(function);
            }
        }
    }

    private void throughput() throws Exception {
        configureInProcessFunction();
        RawAppend raw = new RawAppend(client(), EVENTS_TABLE, DEDUP_TABLE);
        InProcessFunction function = InProcessFunction.load(app, QUARKUS_HANDLER);
        viaFunction(function, WARM_UP_EVENTS, "warm-function");
        viaRaw(raw, WARM_UP_EVENTS, "warm-raw");
        double functionTotal = 0;
        double rawTotal = 0;
        int rounds = 0;
        for (int round = 1; round <= THROUGHPUT_ROUNDS && withinTime(); round++) {
            rounds++;
            double viaFunction = viaFunction(function, ROUND_EVENTS, "function-" + round);
            double viaRaw = viaRaw(raw, ROUND_EVENTS, "raw-" + round);
            functionTotal += viaFunction;
            rawTotal += viaRaw;
            System.out.printf("throughput round %d: ingest function %.0f events/s, raw SDK loop %.0f events/s%n",
                    round, viaFunction, viaRaw);
        }
        System.out.printf("throughput mean: ingest function %.0f events/s, raw SDK loop %.0f events/s,"
                + " ratio %.2fx over %d rounds (target >= 0.8x)%n", functionTotal / rounds, rawTotal / rounds,
                functionTotal / rawTotal, rounds);
    }

    /** What the SAM template and the Lambda environment would set, as system properties for the in-process function. */
    private void configureInProcessFunction() {
        System.setProperty("quarkus.dynamodb.endpoint-override", dynamoDb.endpoint().toString());
        System.setProperty("quarkus.dynamodb.aws.region", REGION);
        System.setProperty("quarkus.dynamodb.aws.credentials.type", "static");
        System.setProperty("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "local");
        System.setProperty("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "local");
        System.setProperty("ingest.events-table", EVENTS_TABLE);
        System.setProperty("ingest.dedup-table", DEDUP_TABLE);
    }

    /** Events per second stored through the function, one invocation at a time, as one Lambda instance runs them. */
    private double viaFunction(InProcessFunction function, int events, String prefix) throws Exception {
        List<String> invocations = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            invocations.add(apiGatewayEvent(prefix + "/" + (i % SUBJECTS)));
        }
        long started = System.nanoTime();
        for (String invocation : invocations) {
            requireStored(function.invoke(invocation));
        }
        return eventsPerSecond(events, started);
    }

    /** Events per second stored by the raw SDK calls, from one thread. */
    private double viaRaw(RawAppend raw, int events, String prefix) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            bodies.add(cloudEvent(prefix + "/" + (i % SUBJECTS)));
        }
        long started = System.nanoTime();
        for (String body : bodies) {
            raw.append(Envelopes.parseStructured(body));
        }
        return eventsPerSecond(events, started);
    }

    /** The ingest function as AWS's Java runtime loads it: its runner jar (with lib/) and the stream handler. */
    private List<String> quarkusCommand() {
        return runtimeCommand(app + File.pathSeparator + ownClasses(), QUARKUS_HANDLER);
    }

    private List<String> plainCommand() {
        return runtimeCommand(System.getProperty("java.class.path"), PlainJavaHandler.class.getName());
    }

    private static List<String> runtimeCommand(String classpath, String handler) {
        return List.of(java(), "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, LambdaJavaRuntime.class.getName(),
                handler);
    }

    private static String ownClasses() {
        try {
            return Path.of(LambdaJavaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the benchmark's classes", e);
        }
    }

    private Process spawn(LambdaRuntimeApi runtimeApi, List<String> command, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDb.endpoint().toString());
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("EVENTS_TABLE", EVENTS_TABLE);
        env.put("DEDUP_TABLE", DEDUP_TABLE);
        return builder.start();
    }

    private static void stop(Process function) throws InterruptedException {
        function.destroy();
        if (!function.waitFor(10, TimeUnit.SECONDS)) {
            function.destroyForcibly();
        }
    }

    private static String apiGatewayEvent(String subject) {
        ObjectNode event = JSON.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", "POST /events")
                .put("rawPath", "/events")
                .put("rawQueryString", "")
                .put("body", cloudEvent(subject))
                .put("isBase64Encoded", false);
        event.putObject("headers")
                .put("content-type", "application/cloudevents+json")
                .put("host", "bench.execute-api.us-east-1.amazonaws.com");
        event.putObject("requestContext")
                .put("requestId", UUID.randomUUID().toString())
                .put("routeKey", "POST /events")
                .put("stage", "$default")
                .putObject("http")
                .put("method", "POST")
                .put("path", "/events")
                .put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1")
                .put("userAgent", "ingest-bench");
        return event.toString();
    }

    private static String cloudEvent(String subject) {
        return JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", "/bench/ingest")
                .put("type", "dev.eventpipeline.bench.OrderPlaced")
                .put("subject", subject)
                .put("time", "2026-12-04T16:00:00Z")
                .set("data", JSON.createObjectNode()
                        .put("orderId", subject)
                        .put("total", 12.5)
                        .put("currency", "EUR"))
                .toString();
    }

    private static void requireStored(String response) throws Exception {
        int status = JSON.readTree(response).path("statusCode").asInt();
        if (status != 201) {
            throw new IllegalStateException("the function did not store the event: " + response);
        }
    }

    private static String newSubject(String prefix) {
        return prefix + "/" + UUID.randomUUID();
    }

    private static double eventsPerSecond(int events, long startedNanos) {
        return events / ((System.nanoTime() - startedNanos) / 1e9);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private boolean withinTime() {
        return System.nanoTime() < deadline;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDb.endpoint().toString()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private void createTables() {
        try (DynamoDbClient client = client()) {
            client.createTable(CreateTableRequest.builder()
                    .tableName(EVENTS_TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute(EventTables.EVENTS_PARTITION_KEY, ScalarAttributeType.S),
                            attribute(EventTables.EVENTS_SORT_KEY, ScalarAttributeType.N))
                    .keySchema(key(EventTables.EVENTS_PARTITION_KEY, KeyType.HASH),
                            key(EventTables.EVENTS_SORT_KEY, KeyType.RANGE))
                    .build());
            client.createTable(CreateTableRequest.builder()
                    .tableName(DEDUP_TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attribute(EventTables.DEDUP_PARTITION_KEY, ScalarAttributeType.S))
                    .keySchema(key(EventTables.DEDUP_PARTITION_KEY, KeyType.HASH))
                    .build());
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
