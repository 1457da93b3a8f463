package dev.eventpipeline.localstack.dynamodb;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableOperationsTest {

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
    void describeTable_shouldReportKeysAndLatestStream_whenCreatedWithAStream() {
        // GIVEN
        String table = local.createTable(true, StreamViewType.NEW_IMAGE);

        // WHEN
        TableDescription description = local.dynamo.describeTable(r -> r.tableName(table)).table();

        // THEN
        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(description.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(description.latestStreamArn()).startsWith(description.tableArn() + "/stream/")
                .endsWith(description.latestStreamLabel());
    }

    @Test
    void createTable_shouldAnswerResourceInUse_whenTheTableExists() {
        // GIVEN
        String table = local.createTable(false, null);

        // WHEN / THEN
        assertThatThrownBy(() -> local.dynamo.createTable(r -> r.tableName(table)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))))
                .isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void createTable_shouldAnswerValidation_whenAKeyAttributeIsNotDefined() {
        assertThatThrownBy(() -> local.dynamo.createTable(r -> r.tableName("no-definitions")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("other").attributeType(ScalarAttributeType.S))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    @Test
    void listTables_shouldPageThroughEveryTable_whenLimitIsSmall() {
        // GIVEN
        for (int i = 0; i < 5; i++) {
            local.createTable(false, null);
        }
        List<String> all = new ArrayList<>();

        // WHEN
        String start = null;
        do {
            String from = start;
            ListTablesResponse page = local.dynamo.listTables(r -> r.limit(2).exclusiveStartTableName(from));
            all.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);

        // THEN
        assertThat(all).hasSizeGreaterThanOrEqualTo(5).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void deleteTable_shouldMakeTheTableUnknown_whenDescribedAfterwards() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.KEYS_ONLY);

        // WHEN
        TableDescription deleted = local.dynamo.deleteTable(r -> r.tableName(table)).tableDescription();

        // THEN
        assertThat(deleted.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThatThrownBy(() -> local.dynamo.describeTable(r -> r.tableName(table)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> local.dynamo.getItem(r -> r.tableName(table)
                .key(LocalDynamoDbFixture.item("pk", LocalDynamoDbFixture.s("a")))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void updateTable_shouldRefuse_whenTheStreamIsAlreadyOn() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.KEYS_ONLY);

        // WHEN / THEN
        assertThatThrownBy(() -> local.dynamo.updateTable(r -> r.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }
}
