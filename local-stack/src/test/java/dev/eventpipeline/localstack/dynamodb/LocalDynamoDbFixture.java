package dev.eventpipeline.localstack.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** One endpoint for a test class, with SDK clients and table helpers that talk to it through the real protocol. */
final class LocalDynamoDbFixture implements AutoCloseable {

    final LocalDynamoDb db;
    final DynamoDbClient dynamo;
    final DynamoDbStreamsClient streams;

    LocalDynamoDbFixture(LocalDynamoDb db) {
        this.db = db;
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(db.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
        this.streams = DynamoDbStreamsClient.builder()
                .endpointOverride(db.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static LocalDynamoDbFixture inMemory() {
        return new LocalDynamoDbFixture(LocalDynamoDb.start(0, null));
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"));
    }

    /** A new table with partition key {@code pk} (S), sort key {@code sk} (N) when asked, and a stream when asked. */
    String createTable(boolean withSortKey, StreamViewType viewType) {
        String name = "t-" + UUID.randomUUID();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (withSortKey) {
            request.keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                    .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N));
        } else {
            request.keySchema(key("pk", KeyType.HASH))
                    .attributeDefinitions(attribute("pk", ScalarAttributeType.S));
        }
        if (viewType != null) {
            request.streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType));
        }
        dynamo.createTable(request.build());
        return name;
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    /** Every record of the table's latest stream, read from TRIM_HORIZON to the current end. */
    List<Record> streamRecords(String table) {
        String arn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        String shardId = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(r -> r.streamArn(arn)
                .shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            var response = streams.getRecords(GetRecordsRequest.builder().shardIterator(iterator).build());
            records.addAll(response.records());
            if (response.records().isEmpty()) {
                break;
            }
            iterator = response.nextShardIterator();
        }
        return records;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            item.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return item;
    }

    @Override
    public void close() {
        dynamo.close();
        streams.close();
        db.close();
    }
}
