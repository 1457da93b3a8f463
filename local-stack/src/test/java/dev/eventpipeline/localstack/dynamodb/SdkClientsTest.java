package dev.eventpipeline.localstack.dynamodb;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdkClientsTest {

    static LocalDynamoDbFixture local;

    @BeforeAll
    static void start() {
        local = LocalDynamoDbFixture.inMemory();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void enhancedClient_shouldPutQueryAndRefuseADuplicate_whenUsingADocumentSchema() {
        // GIVEN
        String name = local.createTable(true, null);
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(local.dynamo).build();
        DynamoDbTable<EnhancedDocument> table = enhanced.table(name, TableSchema.documentSchemaBuilder()
                .addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk",
                        AttributeValueType.S)
                .addIndexSortKey(TableMetadata.primaryIndexName(), "sk",
                        AttributeValueType.N)
                .attributeConverterProviders(
                        AttributeConverterProvider.defaultProvider())
                .build());
        Expression onlyNew = Expression.builder().expression("attribute_not_exists(pk)").build();

        // WHEN
        for (int i = 1; i <= 3; i++) {
            table.putItem(PutItemEnhancedRequest.builder(EnhancedDocument.class)
                    .item(EnhancedDocument.builder().putString("pk", "a").putNumber("sk", i).putString("v", "x" + i)
                            .build())
                    .conditionExpression(onlyNew)
                    .build());
        }
        List<EnhancedDocument> found = table.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortGreaterThan(Key.builder().partitionValue("a").sortValue(1).build()))
                .build()).items().stream().toList();

        // THEN
        assertThat(found).extracting(d -> d.getString("v")).containsExactly("x2", "x3");
        assertThatThrownBy(() -> table.putItem(PutItemEnhancedRequest
                .builder(EnhancedDocument.class)
                .item(EnhancedDocument.builder().putString("pk", "a").putNumber("sk", 1).build())
                .conditionExpression(onlyNew)
                .build()))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void asyncClient_shouldPutAndGet_whenUsingTheNettyHttpClient() {
        // GIVEN
        String name = local.createTable(false, null);
        try (DynamoDbAsyncClient async = DynamoDbAsyncClient.builder()
                .endpointOverride(local.db.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(LocalDynamoDbFixture.credentials())
                .httpClient(NettyNioAsyncHttpClient.create())
                .build()) {

            // WHEN
            async.putItem(r -> r.tableName(name).item(Map.of("pk", AttributeValue.fromS("a")))).join();
            var item = async.getItem(r -> r.tableName(name).key(Map.of("pk", AttributeValue.fromS("a")))).join().item();

            // THEN
            assertThat(item).containsEntry("pk", AttributeValue.fromS("a"));
        }
    }
}
