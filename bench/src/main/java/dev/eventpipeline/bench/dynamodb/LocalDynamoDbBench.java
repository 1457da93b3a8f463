package dev.eventpipeline.bench.dynamodb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.BenchReport;
import dev.eventpipeline.bench.BenchRunner;
import dev.eventpipeline.bench.Row;
import dev.eventpipeline.localstack.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * PutItem/s and GetItem/s of the local DynamoDB endpoint from 4 SDK client threads, with and without a stream, next
 * to a minimal JDK HTTP server answering a fixed body of the same size (the ceiling of the HTTP stack both share).
 * Everything runs on 127.0.0.1 in this JVM; a full run takes about 100 seconds, a quick one
 * (see {@link BenchMode}) about 40.
 * <p>
 * Targets: PutItem/s at least 0.5x the HTTP ceiling; the stream costs at most 20% of PutItem/s.
 */
public final class LocalDynamoDbBench {

    private static final int CLIENT_THREADS = 4;
    /** Before any comparison; each comparison warms up its own two sides again. */
    private static final Duration WARM_UP = BenchMode.current() == BenchMode.QUICK ? Duration.ofSeconds(1)
            : Duration.ofSeconds(8);
    private static final int PARTITIONS = 500;
    private static final String PAYLOAD = "x".repeat(200);
    private static final int READ_KEYS = 500;

    private LocalDynamoDbBench() {
    }

    /** Runs the comparisons and prints the table; results also go to {@code bench/results/dynamodb}. */
    public static void main(String[] args) throws Exception {
        try (LocalDynamoDb db = LocalDynamoDb.start(0, null);
                FixedBodyServer raw = new FixedBodyServer("{}".getBytes(StandardCharsets.UTF_8));
                DynamoDbClient dynamo = client(db.endpoint());
                DynamoDbClient rawClient = client(raw.endpoint());
                SdkLoad load = new SdkLoad(CLIENT_THREADS)) {
            createTable(dynamo, "bench-plain", null);
            createTable(dynamo, "bench-stream", StreamViewType.NEW_AND_OLD_IMAGES);
            byte[] getItemResponse = seedReads(dynamo);
            warmUp(dynamo, rawClient, load);
            List<Row> rows = run(db, raw, dynamo, rawClient, load, getItemResponse);
            BenchReport report = new BenchReport(rows, Map.of("client", CLIENT_THREADS + " SDK threads, Apache client",
                    "http stack", "JDK com.sun.net.httpserver, 16 worker threads"), Instant.now());
            System.out.println(report.text());
            report.write(Path.of("bench", "results", "dynamodb"));
        }
    }

    private static List<Row> run(LocalDynamoDb db, FixedBodyServer raw, DynamoDbClient dynamo, DynamoDbClient rawClient,
            SdkLoad load, byte[] getItemResponse) throws Exception {
        BenchRunner runner = new BenchRunner(BenchMode.current().repetitions(), System.out::println);
        List<Row> rows = new ArrayList<>();
        rows.add(runner.run(new ThroughputComparison("PutItem/s, no stream", "JDK HTTP server, fixed 2-byte body", 0.5,
                duration -> load.run(duration, i -> put(dynamo, "bench-plain", i)),
                duration -> load.run(duration, i -> put(rawClient, "bench-plain", i)))));
        rows.add(runner.run(new ThroughputComparison("PutItem/s, stream NEW_AND_OLD_IMAGES", "PutItem/s, no stream",
                0.8,
                duration -> load.run(duration, i -> put(dynamo, "bench-stream", i)),
                duration -> load.run(duration, i -> put(dynamo, "bench-plain", i)))));
        rows.add(runner.run(new ThroughputComparison("GetItem/s", "JDK HTTP server, fixed body of GetItem's size", 0.5,
                duration -> load.run(duration, i -> get(dynamo, i)),
                duration -> {
                    raw.answerWith(getItemResponse);
                    return load.run(duration, i -> get(rawClient, i));
                })));
        return rows;
    }

    /** Lets the JIT compile both servers' and the SDK's hot paths before any row is measured. */
    private static void warmUp(DynamoDbClient dynamo, DynamoDbClient rawClient, SdkLoad load) throws Exception {
        System.out.println("bench: warming up the endpoint, the baseline server and the SDK");
        load.run(WARM_UP, i -> put(dynamo, "bench-stream", i));
        load.run(WARM_UP, i -> get(dynamo, i));
        load.run(WARM_UP, i -> put(rawClient, "bench-plain", i));
    }

    private static DynamoDbClient client(java.net.URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(CLIENT_THREADS * 2))
                .build();
    }

    private static void createTable(DynamoDbClient dynamo, String name, StreamViewType viewType) {
        StreamSpecification stream = viewType == null ? null
                : StreamSpecification.builder().streamEnabled(true).streamViewType(viewType).build();
        dynamo.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("subject").keyType(KeyType.HASH),
                        k -> k.attributeName("sequence").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("subject").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sequence").attributeType(ScalarAttributeType.N))
                .streamSpecification(stream));
    }

    private static void put(DynamoDbClient client, String table, long i) {
        client.putItem(r -> r.tableName(table).item(Map.of(
                "subject", AttributeValue.fromS("repo/" + (i % PARTITIONS)),
                "sequence", AttributeValue.fromN(Long.toString(i)),
                "type", AttributeValue.fromS("PushEvent"),
                "data", AttributeValue.fromS(PAYLOAD))));
    }

    private static void get(DynamoDbClient client, long i) {
        long key = i % READ_KEYS;
        client.getItem(r -> r.tableName("bench-reads").key(Map.of(
                "subject", AttributeValue.fromS("repo/" + key),
                "sequence", AttributeValue.fromN(Long.toString(key)))));
    }

    /** Fills the read table and returns the exact bytes of one GetItem response, for the baseline to answer. */
    private static byte[] seedReads(DynamoDbClient dynamo) {
        createTable(dynamo, "bench-reads", null);
        for (long key = 0; key < READ_KEYS; key++) {
            long k = key;
            dynamo.putItem(r -> r.tableName("bench-reads").item(Map.of(
                    "subject", AttributeValue.fromS("repo/" + k),
                    "sequence", AttributeValue.fromN(Long.toString(k)),
                    "type", AttributeValue.fromS("PushEvent"),
                    "data", AttributeValue.fromS(PAYLOAD))));
        }
        String item = "{\"Item\":{\"subject\":{\"S\":\"repo/1000\"},\"sequence\":{\"N\":\"1000\"},"
                + "\"type\":{\"S\":\"PushEvent\"},\"data\":{\"S\":\"" + PAYLOAD + "\"}}}";
        return item.getBytes(StandardCharsets.UTF_8);
    }
}
