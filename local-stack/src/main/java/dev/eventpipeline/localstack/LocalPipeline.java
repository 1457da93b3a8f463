package dev.eventpipeline.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.eventpipeline.localstack.dynamodb.LocalDynamoDb;
import dev.eventpipeline.localstack.lambda.FunctionConfig;
import dev.eventpipeline.localstack.lambda.HttpApiGateway;
import dev.eventpipeline.localstack.lambda.HttpRoute;
import dev.eventpipeline.localstack.lambda.LocalFunctionPool;
import dev.eventpipeline.localstack.lambda.StreamEventSourceMapping;
import dev.eventpipeline.localstack.lambda.StreamMappingConfig;
import dev.eventpipeline.localstack.postgres.LocalPostgres;
import dev.eventpipeline.localstack.sam.LocalSpecs;
import dev.eventpipeline.localstack.sam.SamTemplate;
import dev.eventpipeline.localstack.sqs.LocalSqs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole pipeline on one machine, created from {@code infra/sam-template.yaml}: DynamoDB with Streams, SQS, PostgreSQL,
 * the two Lambda functions from their packaged artifacts behind a local Lambda Runtime API, the HTTP API in front of the
 * ingest function, the stream's event source mapping, and the projection service from its packaged artifact.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalPipeline.class);
    private static final String TEMPLATE = "infra/sam-template.yaml";
    private static final String PROJECTION_JAR = "projection-service/target/quarkus-app/quarkus-run.jar";
    private static final String PROJECTION_CONTAINER = "projection-service";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final int HTTP_FUNCTION_CONCURRENCY = 2;
    /**
     * The packaged service runs its production profile, which insists on verified TLS to Aurora; its {@code local}
     * profile, layered on top, switches that off for the plain PostgreSQL on 127.0.0.1.
     */
    private static final String PROJECTION_PROFILES = "prod,local";

    private final LocalPipelineOptions options;
    private final Consumer<String> log;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private SamTemplate template;
    private LocalDynamoDb dynamoDb;
    private LocalSqs sqs;
    private LocalPostgres postgres;
    private OrphanGuard guard;

    private LocalPipeline(LocalPipelineOptions options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /**
     * Starts everything the options ask for and returns when the pipeline accepts events and answers queries.
     *
     * @param log receives the lines of the functions and the projection service, each prefixed with its name
     */
    public static LocalPipeline start(LocalPipelineOptions options, Consumer<String> log) throws IOException {
        LocalPipeline pipeline = new LocalPipeline(options, log);
        try {
            pipeline.startServices();
            if (!options.servicesOnly()) {
                pipeline.startApplications();
            }
            return pipeline;
        } catch (RuntimeException | IOException e) {
            pipeline.close();
            throw e;
        }
    }

    /** Where each part listens, for the status line: name to URL. */
    public Map<String, String> endpoints() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    private void startServices() throws IOException {
        requirePortsFree();
        template = SamTemplate.load(options.projectDirectory().resolve(TEMPLATE), options.region());
        LOG.infof("local run skips resource types it has no use for: %s", String.join("; ", template.skippedTypes()));
        Path data = options.dataDirectory();
        // Tracked first, so closed last: it stands down only after everything else has stopped.
        guard = track(OrphanGuard.start());
        dynamoDb = track(LocalDynamoDb.start(options.ports().dynamoDb(), prepare(data.resolve("dynamodb"))));
        endpoints.put("DynamoDB and Streams", dynamoDb.endpoint().toString());
        createTables();
        sqs = track(LocalSqs.start(options.ports().sqs()));
        endpoints.put("SQS (ElasticMQ)", sqs.endpoint().toString());
        createQueues();
        postgres = track(LocalPostgres.start(options.ports().postgres(), data.resolve("postgres"), options.clean()));
        guard.watch("PostgreSQL", postgres.pid(), true);
        endpoints.put("PostgreSQL", postgres.jdbcUrl() + " (user " + LocalPostgres.USER + ")");
    }

    /**
     * Refuses to start on ports something else holds, before touching any data: otherwise a pipeline still running,
     * or processes a crashed run left behind, would answer in this run's place.
     */
    private void requirePortsFree() {
        LocalPipelineOptions.Ports ports = options.ports();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("DynamoDB", ports.dynamoDb());
        wanted.put("SQS", ports.sqs());
        wanted.put("PostgreSQL", ports.postgres());
        if (!options.servicesOnly()) {
            wanted.put("HTTP API", ports.httpApi());
            wanted.put("query API", ports.queryApi());
        }
        List<String> taken = new ArrayList<>();
        wanted.forEach((name, port) -> {
            if (port != 0 && !isFree(port)) {
                taken.add(name + " " + port);
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports in use on 127.0.0.1: " + String.join(", ", taken)
                    + ". Is another local pipeline running, or did a killed one leave processes behind? Stop them"
                    + " (ss -ltnp shows which process holds a port) and start again.");
        }
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path prepare(Path directory) throws IOException {
        if (options.clean()) {
            deleteRecursively(directory);
        }
        return Files.createDirectories(directory);
    }

    private void createTables() {
        try (DynamoDbClient client = LocalAws.dynamoDb(dynamoDb.endpoint(), options.region())) {
            for (LocalSpecs.Table table : template.tables()) {
                TableDescription description = createTable(client, table);
                Map<String, String> attributes = new HashMap<>();
                attributes.put("Ref", table.name());
                attributes.put("Arn", description.tableArn());
                if (description.latestStreamArn() != null) {
                    attributes.put("StreamArn", description.latestStreamArn());
                }
                template.define(table.logicalId(), attributes);
                LOG.infof("table %s (%s) ready, %s", table.name(), table.logicalId(),
                        description.latestStreamArn() == null ? "no stream" : "stream " + description.latestStreamArn());
            }
        }
    }

    private static TableDescription createTable(DynamoDbClient client, LocalSpecs.Table table) {
        try {
            client.createTable(request -> request
                    .tableName(table.name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(table.keys().stream()
                            .map(key -> KeySchemaElement.builder().attributeName(key.name()).keyType(key.keyType()).build())
                            .toList())
                    .attributeDefinitions(table.keys().stream()
                            .map(key -> AttributeDefinition.builder()
                                    .attributeName(key.name())
                                    .attributeType(key.attributeType())
                                    .build())
                            .toList())
                    .streamSpecification(table.streamViewType() == null ? null
                            : StreamSpecification.builder().streamEnabled(true).streamViewType(table.streamViewType())
                                    .build()));
            if (table.ttlAttribute() != null) {
                client.updateTimeToLive(request -> request.tableName(table.name())
                        .timeToLiveSpecification(ttl -> ttl.attributeName(table.ttlAttribute()).enabled(true)));
            }
        } catch (ResourceInUseException e) {
            LOG.debugf("table %s exists from an earlier run", table.name());
        }
        return client.describeTable(request -> request.tableName(table.name())).table();
    }

    private void createQueues() {
        List<LocalSpecs.Queue> queues = new ArrayList<>(template.queues());
        // Dead-letter queues first: a redrive policy names its target's ARN.
        queues.sort((a, b) -> Boolean.compare(a.deadLetterLogicalId() != null, b.deadLetterLogicalId() != null));
        Map<String, Map<String, String>> created = new HashMap<>();
        try (SqsClient client = LocalAws.sqs(sqs.endpoint(), options.region())) {
            for (LocalSpecs.Queue queue : queues) {
                String deadLetterArn = queue.deadLetterLogicalId() == null ? null
                        : created.get(queue.deadLetterLogicalId()).get("Arn");
                Map<String, String> attributes = sqs.createQueue(client, queue, deadLetterArn);
                created.put(queue.logicalId(), attributes);
                template.define(queue.logicalId(), attributes);
                LOG.infof("queue %s (%s) ready", attributes.get("QueueUrl"), queue.logicalId());
            }
        }
    }

    private void startApplications() throws IOException {
        Map<String, LocalFunctionPool> functions = new LinkedHashMap<>();
        for (LocalSpecs.Function spec : template.functions()) {
            functions.put(spec.logicalId(), startFunction(spec));
        }
        startHttpApi(functions);
        startStreamMappings(functions);
        startProjectionService();
    }

    private LocalFunctionPool startFunction(LocalSpecs.Function spec) throws IOException {
        requireBuilt(spec.codeUri());
        Map<String, String> environment = new LinkedHashMap<>();
        spec.environment().forEach((name, value) -> environment.put(name, template.evaluate(value)));
        environment.putAll(localAwsEnvironment());
        FunctionConfig config = new FunctionConfig(spec.logicalId(), spec.codeUri(), spec.handler(), spec.memoryMb(),
                Duration.ofSeconds(spec.timeoutSeconds()), options.region(), environment);
        // Functions behind the HTTP API get a few processes, as Lambda scales out per request; a stream's mapping
        // invokes one batch per shard at a time, so one process serves it.
        int concurrency = spec.routes().isEmpty() ? 1 : HTTP_FUNCTION_CONCURRENCY;
        LocalFunctionPool function = track(LocalFunctionPool.start(config, concurrency,
                options.dataDirectory().resolve("functions"), log));
        LOG.infof("function %s started from %s, %d process(es)", spec.logicalId(), spec.codeUri(), concurrency);
        return function;
    }

    private void startHttpApi(Map<String, LocalFunctionPool> functions) throws IOException {
        List<HttpRoute> routes = new ArrayList<>();
        template.functions().forEach(spec -> spec.routes().forEach(route -> routes.add(
                HttpRoute.of(route.method(), route.path(), functions.get(spec.logicalId())::invoke))));
        HttpApiGateway gateway = track(HttpApiGateway.start(options.ports().httpApi(), routes));
        endpoints.put("HTTP API (producers)", "http://127.0.0.1:" + gateway.port());
    }

    private void startStreamMappings(Map<String, LocalFunctionPool> functions) {
        DynamoDbStreamsClient streams = track(LocalAws.streams(dynamoDb.endpoint(), options.region()));
        SqsClient failures = track(LocalAws.sqs(sqs.endpoint(), options.region()));
        template.functions().forEach(spec -> spec.streams().forEach(source -> {
            LocalFunctionPool function = functions.get(spec.logicalId());
            StreamMappingConfig config = new StreamMappingConfig(
                    template.attribute(source.tableLogicalId(), "StreamArn"),
                    function.functionArn(),
                    StreamMappingConfig.StartingPosition.valueOf(source.startingPosition()),
                    source.batchSize(),
                    Duration.ofSeconds(source.maximumBatchingWindowSeconds()),
                    source.bisectBatchOnFunctionError(),
                    source.maximumRetryAttempts(),
                    source.maximumRecordAgeSeconds(),
                    source.reportBatchItemFailures(),
                    Optional.ofNullable(source.onFailureQueueLogicalId())
                            .map(queue -> template.attribute(queue, "QueueUrl")),
                    options.region());
            track(StreamEventSourceMapping.start(config, streams, failures, function::invoke));
        }));
    }

    private void startProjectionService() throws IOException {
        Path application = options.projectDirectory().resolve(PROJECTION_JAR);
        requireBuilt(application);
        LocalSpecs.Container container = template.containers().stream()
                .filter(candidate -> candidate.name().equals(PROJECTION_CONTAINER))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the template has no container named " + PROJECTION_CONTAINER));
        int port = options.ports().queryApi() == 0 ? freePort() : options.ports().queryApi();
        Map<String, String> local = new LinkedHashMap<>(localAwsEnvironment());
        local.put("QUARKUS_DATASOURCE_REACTIVE_URL",
                "postgresql://127.0.0.1:" + postgres.port() + "/" + LocalPostgres.DATABASE);
        local.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
        // The local server trusts 127.0.0.1 and ignores the password; an empty one would read as missing.
        local.put("QUARKUS_DATASOURCE_PASSWORD", LocalAws.CREDENTIALS);
        local.put("QUARKUS_PROFILE", PROJECTION_PROFILES);
        local.put("PROJECTION_DB_CA_BUNDLE", placeholderCaBundle().toString());
        local.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        local.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Map<String, String> environment = new LinkedHashMap<>();
        container.environment().forEach((name, value) -> environment.put(name,
                local.containsKey(name) ? local.get(name) : template.evaluate(value)));
        environment.putAll(local);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ServiceProcess service = track(ServiceProcess.start("projection", List.of(java, "-Xmx512m", "-jar",
                application.toString()), environment, options.projectDirectory(), log));
        guard.watch("the projection service", service.pid(), false);
        URI queryApi = URI.create("http://127.0.0.1:" + port);
        awaitReady(service, queryApi.resolve("/q/health/ready"));
        endpoints.put("Query API (analysts)", queryApi.toString());
    }

    /**
     * The reactive PostgreSQL client reads the CA bundle that production names even when the {@code local} profile
     * turns TLS off; this certificate only satisfies that read. It verifies nothing and has no private key beside it.
     */
    private Path placeholderCaBundle() throws IOException {
        Path bundle = options.dataDirectory().resolve("placeholder-ca.pem");
        try (var pem = LocalPipeline.class.getResourceAsStream("/placeholder-ca.pem")) {
            Files.copy(pem, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return bundle;
    }

    private Map<String, String> localAwsEnvironment() {
        return Map.of(
                "AWS_REGION", options.region(),
                "AWS_ACCESS_KEY_ID", LocalAws.CREDENTIALS,
                "AWS_SECRET_ACCESS_KEY", LocalAws.CREDENTIALS,
                "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoDb.endpoint().toString(),
                "QUARKUS_SQS_ENDPOINT_OVERRIDE", sqs.endpoint().toString());
    }

    private static void awaitReady(ServiceProcess service, URI health) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!isHealthy(http, health)) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited while starting; its log lines above say why");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.name() + " was not ready at " + health + " after "
                        + READY_TIMEOUT.toSeconds() + " s; its log lines above say why");
            }
            pause(Duration.ofMillis(250));
        }
    }

    private static void requireBuilt(Path artifact) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(artifact + " is not built; build it first with ./mvnw install -DskipTests"
                    + " (./run-local.sh does that for you)");
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service to start", e);
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    /** Stops everything, the last started first. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warnf("stopping %s failed: %s", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    static boolean isHealthy(HttpClient http, URI health) {
        try {
            HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
