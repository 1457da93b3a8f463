package dev.eventpipeline.bench.ingest;

import java.net.URI;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.LocalDynamoDb;
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
 * What both ingest comparisons share: one local DynamoDB on 127.0.0.1 with the two tables as the SAM template declares
 * them, and the events and API Gateway v2 invocations they send.
 */
final class IngestFixture implements AutoCloseable {

    static final String EVENTS_TABLE = "events";
    static final String DEDUP_TABLE = "events-dedup";
    static final String REGION = "us-east-1";
    static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalDynamoDb dynamoDb;

    private IngestFixture(LocalDynamoDb dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    static IngestFixture start() {
        IngestFixture fixture = new IngestFixture(LocalDynamoDb.start(0, null));
        fixture.createTables();
        return fixture;
    }

    String endpoint() {
        return dynamoDb.endpoint().toString();
    }

    DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** An API Gateway HTTP API (payload format 2.0) invocation posting one structured event to {@code /events}. */
    static String apiGatewayEvent(String subject) {
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

    static String cloudEvent(String subject) {
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

    /** Fails the run unless the function answered 201, so a broken function cannot look fast. */
    static void requireStored(String response) throws Exception {
        int status = JSON.readTree(response).path("statusCode").asInt();
        if (status != 201) {
            throw new IllegalStateException("the function did not store the event: " + response);
        }
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

    @Override
    public void close() {
        dynamoDb.close();
    }
}
