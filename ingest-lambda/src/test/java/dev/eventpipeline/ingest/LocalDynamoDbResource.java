package dev.eventpipeline.ingest;

import java.net.URI;
import java.util.Map;

import dev.eventpipeline.localstack.dynamodb.LocalDynamoDb;
import dev.eventpipeline.model.EventTables;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
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
 * Starts the local DynamoDB of {@code local-stack} on an ephemeral port, creates the events and deduplication tables
 * as the SAM template declares them, and points the application's DynamoDB client at it.
 */
public class LocalDynamoDbResource implements QuarkusTestResourceLifecycleManager {

    static final String EVENTS_TABLE = "events";
    static final String DEDUP_TABLE = "events-dedup";
    private static final String REGION = "us-east-1";

    private static LocalDynamoDb dynamoDb;

    /** The running stand-in, for fault injection. */
    static LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    /** A client of the stand-in for reading back what the application stored. */
    static DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDb.endpoint().toString()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public Map<String, String> start() {
        dynamoDb = LocalDynamoDb.start(0, null);
        try (DynamoDbClient client = client()) {
            client.createTable(eventsTable());
            client.createTable(dedupTable());
        }
        return Map.of(
                "quarkus.dynamodb.endpoint-override", dynamoDb.endpoint().toString(),
                "quarkus.dynamodb.aws.region", REGION,
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "local",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "local",
                "ingest.events-table", EVENTS_TABLE,
                "ingest.dedup-table", DEDUP_TABLE);
    }

    @Override
    public void stop() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }

    private static CreateTableRequest eventsTable() {
        return CreateTableRequest.builder()
                .tableName(EVENTS_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute(EventTables.EVENTS_PARTITION_KEY, ScalarAttributeType.S),
                        attribute(EventTables.EVENTS_SORT_KEY, ScalarAttributeType.N))
                .keySchema(
                        key(EventTables.EVENTS_PARTITION_KEY, KeyType.HASH),
                        key(EventTables.EVENTS_SORT_KEY, KeyType.RANGE))
                .build();
    }

    private static CreateTableRequest dedupTable() {
        return CreateTableRequest.builder()
                .tableName(DEDUP_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(EventTables.DEDUP_PARTITION_KEY, ScalarAttributeType.S))
                .keySchema(key(EventTables.DEDUP_PARTITION_KEY, KeyType.HASH))
                .build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
