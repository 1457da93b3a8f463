package dev.eventpipeline.streamprocessor;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.LocalDynamoDb;
import dev.eventpipeline.model.EventItem;
import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.EventTables;
import dev.eventpipeline.model.StoredEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From the events table's stream to the queue: items written with the AWS SDK to the local DynamoDB, their stream
 * records read with {@code GetShardIterator} / {@code GetRecords} and handed to the function in batches as the event
 * source mapping does.
 */
@QuarkusTest
@WithTestResource(StreamProcessorTestResources.class)
class DynamoDbStreamEndToEndTest {

    /** The event source mapping's batch size in this test: small, so that the stream spans several invocations. */
    private static final int BATCH_SIZE = 10;

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;

    @InjectFunctionUnderTest
    FunctionUnderTest lambda;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "stream-processor.projection-queue-url")
    String projectionQueueUrl;

    @BeforeAll
    static void startDynamoDb() {
        dynamoDb = LocalDynamoDb.start(0, null);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local",
                "local"));
        dynamo = DynamoDbClient.builder()
                .endpointOverride(dynamoDb.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(dynamoDb.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopDynamoDb() {
        streams.close();
        dynamo.close();
        dynamoDb.close();
    }

    @Test
    void handleRequest_forwardsEveryInsertInOrder_whenRecordsComeFromTableStream() {
        // GIVEN an events table whose stream holds two interleaved subjects, an item with every attribute type,
        // then a MODIFY and a REMOVE
        String table = createEventsTable();
        String alpha = "repos/e2e/" + UUID.randomUUID();
        String beta = "repos/e2e/" + UUID.randomUUID();
        for (long sequence = 1; sequence <= 12; sequence++) {
            put(table, StreamEvents.stored(alpha, sequence, "PushEvent", "{\"n\":" + sequence + "}"), Map.of());
            put(table, StreamEvents.stored(beta, sequence, "IssuesEvent", "{\"n\":" + sequence + "}"), Map.of());
        }
        String data = "{\"big\":9007199254740993,\"nothing\":null,\"text\":\"漢字 🚀\"}";
        put(table, StreamEvents.stored(alpha, 13, "PushEvent", data), everyAttributeType());
        dynamo.updateItem(request -> request
                .tableName(table)
                .key(EventTables.eventKey(beta, 1))
                .updateExpression("SET archived = :archived")
                .expressionAttributeValues(Map.of(":archived", AttributeValue.fromBool(true))));
        dynamo.deleteItem(request -> request.tableName(table).key(EventTables.eventKey(beta, 2)));

        // WHEN the stream's records reach the function in batches, as Lambda's event source mapping delivers them
        List<Record> records = readStream(table);
        List<String> responses = new ArrayList<>();
        for (int first = 0; first < records.size(); first += BATCH_SIZE) {
            List<ObjectNode> batch = records.subList(first, Math.min(first + BATCH_SIZE, records.size())).stream()
                    .map(StreamEvents::fromStreamsApi)
                    .toList();
            responses.add(lambda.invoke(StreamEvents.event(batch)));
        }

        // THEN every INSERT arrived once, in order per subject, and the MODIFY and REMOVE were skipped
        assertThat(records).hasSize(27);
        assertThat(responses).allSatisfy(response -> assertThat(response).isEqualTo("{\"batchItemFailures\":[]}"));
        List<StoredEvent> received = new QueueReader(sqs).drain(projectionQueueUrl).stream()
                .map(EventMessage::read)
                .toList();
        assertThat(sequencesOf(received, alpha)).isEqualTo(LongStream.rangeClosed(1, 13).boxed().toList());
        assertThat(sequencesOf(received, beta)).isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
        assertThat(received).filteredOn(event -> event.sequence() == 13)
                .singleElement()
                .satisfies(event -> assertThat(event.event().data()).isEqualTo(data));
    }

    private String createEventsTable() {
        String table = "events-" + UUID.randomUUID();
        dynamo.createTable(request -> request
                .tableName(table)
                .keySchema(
                        key -> key.attributeName(EventTables.EVENTS_PARTITION_KEY).keyType(KeyType.HASH),
                        key -> key.attributeName(EventTables.EVENTS_SORT_KEY).keyType(KeyType.RANGE))
                .attributeDefinitions(
                        attribute -> attribute.attributeName(EventTables.EVENTS_PARTITION_KEY)
                                .attributeType(ScalarAttributeType.S),
                        attribute -> attribute.attributeName(EventTables.EVENTS_SORT_KEY)
                                .attributeType(ScalarAttributeType.N))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(stream -> stream
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_IMAGE)));
        return table;
    }

    private void put(String table, StoredEvent stored, Map<String, AttributeValue> extraAttributes) {
        Map<String, AttributeValue> item = new HashMap<>(EventItem.toItem(stored));
        item.putAll(extraAttributes);
        dynamo.putItem(request -> request.tableName(table).item(item));
    }

    /** Attributes of every DynamoDB type beside the event's own, which the function must read without a hitch. */
    private static Map<String, AttributeValue> everyAttributeType() {
        return Map.of(
                "bigNumber", AttributeValue.fromN("12345678901234567890123456789012345678"),
                "checksum", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] { (byte) 0xde, (byte) 0xad })),
                "archived", AttributeValue.fromBool(false),
                "note", AttributeValue.fromNul(true),
                "audit", AttributeValue.fromM(Map.of("flags", AttributeValue.fromL(List.of(
                        AttributeValue.fromBool(true), AttributeValue.fromNul(true))))),
                "tags", AttributeValue.fromSs(List.of("alpha", "beta")),
                "counts", AttributeValue.fromNs(List.of("1", "99999999999999999999999999999999999999")),
                "blobs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] { 0, 1 }))));
    }

    /** The table's stream from its beginning: the one shard, read until a page comes back empty. */
    private List<Record> readStream(String table) {
        String streamArn = dynamo.describeTable(request -> request.tableName(table)).table().latestStreamArn();
        String shardId = streams.describeStream(request -> request.streamArn(streamArn))
                .streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(request -> request
                .streamArn(streamArn)
                .shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        GetRecordsResponse page;
        do {
            String current = iterator;
            page = streams.getRecords(request -> request.shardIterator(current));
            records.addAll(page.records());
            iterator = page.nextShardIterator();
        } while (page.hasRecords() && !page.records().isEmpty() && iterator != null);
        return records;
    }

    private static List<Long> sequencesOf(List<StoredEvent> events, String subject) {
        return events.stream()
                .filter(event -> event.subject().equals(subject))
                .map(StoredEvent::sequence)
                .toList();
    }
}
