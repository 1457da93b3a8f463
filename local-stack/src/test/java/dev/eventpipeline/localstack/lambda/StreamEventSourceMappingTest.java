package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.localstack.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamEventSourceMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
            .create(AwsBasicCredentials.create("local", "local"));
    private static final Region REGION = Region.EU_WEST_1;

    private static LocalDynamoDb dynamoDb;
    private static SQSRestServer elasticMq;
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;
    private static SqsClient sqs;
    private static int tableCount;

    @TempDir
    Path workDir;

    private LocalFunction function;
    private StreamEventSourceMapping mapping;
    private Path recordFile;

    @BeforeAll
    static void startServices() {
        dynamoDb = LocalDynamoDb.start(0, null);
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        URI sqsEndpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
        dynamo = DynamoDbClient.builder()
                .endpointOverride(dynamoDb.endpoint())
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        streams = DynamoDbStreamsClient.builder()
                .endpointOverride(dynamoDb.endpoint())
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        sqs = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopServices() {
        dynamo.close();
        streams.close();
        sqs.close();
        elasticMq.stopAndWait();
        dynamoDb.close();
    }

    @AfterEach
    void stop() {
        if (mapping != null) {
            mapping.close();
        }
        if (function != null) {
            function.close();
        }
    }

    @Test
    void start_shouldDeliverEveryRecordInOrderAsLambdaEvents_whenItemsAreWritten() throws Exception {
        // GIVEN
        String streamArn = createTable();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            keys.add(String.format("item-%02d", i));
        }

        // WHEN
        startMapping(streamArn, 10, false, 2, Optional.empty());
        keys.forEach(key -> put(streamArn, key));

        // THEN
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredKeys().size() >= keys.size());
        assertThat(deliveredKeys()).containsExactlyElementsOf(keys);
        assertThat(invocations()).allSatisfy(event -> assertThat(event.get("Records").size()).isBetween(1, 10));
        JsonNode record = invocations().get(0).get("Records").get(0);
        assertThat(record.get("eventName").asText()).isEqualTo("INSERT");
        assertThat(record.get("eventVersion").asText()).isEqualTo("1.1");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(streamArn);
        assertThat(record.get("eventID").asText()).isNotBlank();
        assertThat(record.at("/dynamodb/Keys")).isEqualTo(JSON.readTree("{\"pk\":{\"S\":\"item-00\"}}"));
        assertThat(record.at("/dynamodb/NewImage/payload")).isEqualTo(JSON.readTree("{\"N\":\"42\"}"));
        assertThat(record.at("/dynamodb/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(record.at("/dynamodb/ApproximateCreationDateTime").isIntegralNumber()).isTrue();
        assertThat(record.at("/dynamodb/SequenceNumber").asText()).matches("\\d+");
        assertThat(record.at("/dynamodb/SizeBytes").asLong()).isPositive();
    }

    @Test
    void start_shouldRetryFromFirstReportedRecord_whenFunctionReportsBatchItemFailure() throws Exception {
        // GIVEN
        String streamArn = createTable();
        List.of("a-1", "a-2", "flaky-3", "a-4", "a-5").forEach(key -> put(streamArn, key));

        // WHEN
        startMapping(streamArn, 10, false, 2, Optional.empty());

        // THEN
        await().atMost(Duration.ofSeconds(60)).until(() -> invocations().size() >= 2);
        assertThat(batches()).containsExactly(
                List.of("a-1", "a-2", "flaky-3", "a-4", "a-5"),
                List.of("flaky-3", "a-4", "a-5"));
    }

    @Test
    void start_shouldRetryWholeBatch_whenItemIdentifierIsEmpty() throws Exception {
        // GIVEN
        String streamArn = createTable();
        List.of("b-1", "badid-2", "b-3").forEach(key -> put(streamArn, key));

        // WHEN
        startMapping(streamArn, 10, false, 2, Optional.empty());

        // THEN
        await().atMost(Duration.ofSeconds(60)).until(() -> invocations().size() >= 2);
        assertThat(batches()).containsExactly(List.of("b-1", "badid-2", "b-3"), List.of("b-1", "badid-2", "b-3"));
    }

    @Test
    void start_shouldBisectAndSendPoisonRecordToOnFailureQueue_whenFunctionKeepsFailing() throws Exception {
        // GIVEN
        String streamArn = createTable();
        String queueUrl = sqs.createQueue(queue -> queue.queueName("failures-" + tableCount)).queueUrl();
        List<String> keys = List.of("c-0", "c-1", "c-2", "poison-3", "c-4", "c-5", "c-6");
        keys.forEach(key -> put(streamArn, key));

        // WHEN
        startMapping(streamArn, 10, true, 1, Optional.of(queueUrl));

        // THEN
        List<Message> failures = await().atMost(Duration.ofSeconds(60))
                .until(() -> sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).waitTimeSeconds(1)).messages(),
                        messages -> !messages.isEmpty());
        JsonNode failure = JSON.readTree(failures.get(0).body());
        String poisonSequence = sequenceOf("poison-3");
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/functionArn").asText()).isEqualTo(function.functionArn());
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.at("/version").asText()).isEqualTo("1.0");
        assertThat(failure.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(failure.at("/DDBStreamBatchInfo/startSequenceNumber").asText()).isEqualTo(poisonSequence);
        assertThat(failure.at("/DDBStreamBatchInfo/endSequenceNumber").asText()).isEqualTo(poisonSequence);
        assertThat(failure.at("/DDBStreamBatchInfo/streamArn").asText()).isEqualTo(streamArn);
        assertThat(failure.at("/DDBStreamBatchInfo/shardId").asText()).isNotBlank();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(succeededKeys()).containsExactly("c-0", "c-1", "c-2", "c-4", "c-5", "c-6"));
    }

    @Test
    void start_shouldGoOnAfterLastCheckpoint_whenMappingRestartsWithCheckpointFile() throws Exception {
        // GIVEN
        String streamArn = createTable();
        Path checkpointFile = workDir.resolve("checkpoints").resolve("mapping.properties");
        startFunction();
        StreamMappingConfig config = mappingConfig(streamArn, 10, false, 2, Optional.empty());
        List.of("d-1", "d-2").forEach(key -> put(streamArn, key));
        try (var first = StreamEventSourceMapping.start(config, streams, sqs, function::invoke, checkpointFile)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(checkpointFile));
        }

        // WHEN
        put(streamArn, "d-3");
        mapping = StreamEventSourceMapping.start(config, streams, sqs, function::invoke, checkpointFile);

        // THEN
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredKeys().size() >= 3);
        assertThat(batches()).containsExactly(List.of("d-1", "d-2"), List.of("d-3"));
    }

    private void startMapping(String streamArn, int batchSize, boolean bisect, int retries, Optional<String> onFailure)
            throws IOException {
        startFunction();
        mapping = StreamEventSourceMapping.start(mappingConfig(streamArn, batchSize, bisect, retries, onFailure), streams,
                sqs, function::invoke);
    }

    private void startFunction() throws IOException {
        recordFile = workDir.resolve("invocations.jsonl");
        FunctionConfig config = new FunctionConfig("recorder", TestFunctionZip.build(workDir),
                "dev.eventpipeline.localstack.lambda.testfunction.StreamRecorderHandler::handleRequest", 256,
                Duration.ofSeconds(30), REGION.id(), Map.of("RECORD_FILE", recordFile.toString()));
        function = LocalFunction.start(config, workDir, System.out::println);
    }

    private StreamMappingConfig mappingConfig(String streamArn, int batchSize, boolean bisect, int retries,
            Optional<String> onFailure) {
        return new StreamMappingConfig(streamArn, function.functionArn(), StreamMappingConfig.StartingPosition.TRIM_HORIZON,
                batchSize, Duration.ZERO, bisect, retries, -1, true, onFailure, REGION.id());
    }

    private static String createTable() {
        String table = "table-" + (++tableCount);
        return dynamo.createTable(create -> create.tableName(table)
                .keySchema(key -> key.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(attribute -> attribute.attributeName("pk").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription()
                .latestStreamArn();
    }

    private static void put(String streamArn, String key) {
        String table = streamArn.split("/")[1];
        dynamo.putItem(put -> put.tableName(table)
                .item(Map.of("pk", AttributeValue.fromS(key), "payload", AttributeValue.fromN("42"))));
    }

    private List<JsonNode> invocations() throws IOException {
        if (!Files.exists(recordFile)) {
            return List.of();
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(recordFile)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private List<List<String>> batches() throws IOException {
        List<List<String>> batches = new ArrayList<>();
        for (JsonNode event : invocations()) {
            List<String> keys = new ArrayList<>();
            event.get("Records").forEach(record -> keys.add(record.at("/dynamodb/Keys/pk/S").asText()));
            batches.add(keys);
        }
        return batches;
    }

    private List<String> deliveredKeys() throws IOException {
        return batches().stream().flatMap(List::stream).toList();
    }

    /** Keys of batches the function answered without failing, that is batches without the poison record. */
    private List<String> succeededKeys() throws IOException {
        return batches().stream()
                .filter(batch -> batch.stream().noneMatch(key -> key.startsWith("poison")))
                .flatMap(List::stream)
                .toList();
    }

    private String sequenceOf(String key) throws IOException {
        for (JsonNode event : invocations()) {
            for (JsonNode record : event.get("Records")) {
                if (record.at("/dynamodb/Keys/pk/S").asText().equals(key)) {
                    return record.at("/dynamodb/SequenceNumber").asText();
                }
            }
        }
        throw new AssertionError("no record with key " + key + " was delivered");
    }
}
