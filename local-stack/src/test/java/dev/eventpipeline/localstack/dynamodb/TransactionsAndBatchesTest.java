package dev.eventpipeline.localstack.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionsAndBatchesTest {

    static LocalDynamoDbFixture local;

    @BeforeAll
    static void start() {
        local = LocalDynamoDbFixture.inMemory();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table)
                        .item(item)
                        .conditionExpression(condition)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .build();
    }

    @Test
    void transactWriteItems_shouldCommitEveryAction_whenAllConditionsHold() {
        // GIVEN
        String events = local.createTable(true, StreamViewType.NEW_IMAGE);
        String heads = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(heads).item(item("pk", s("stream"), "version", n("1"))));

        // WHEN
        local.dynamo.transactWriteItems(r -> r.transactItems(
                put(events, item("pk", s("stream"), "sk", n("2")), "attribute_not_exists(pk)"),
                TransactWriteItem.builder().update(u -> u.tableName(heads)
                        .key(item("pk", s("stream")))
                        .updateExpression("SET version = :next")
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(item(":next", n("2"), ":expected", n("1")))).build()));

        // THEN
        assertThat(local.dynamo.getItem(r -> r.tableName(heads).key(item("pk", s("stream")))).item())
                .containsEntry("version", n("2"));
        assertThat(local.streamRecords(events)).hasSize(1);
    }

    @Test
    void transactWriteItems_shouldCancelWithReasonsInOrder_whenOneConditionFails() {
        // GIVEN
        String table = local.createTable(true, StreamViewType.NEW_AND_OLD_IMAGES);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n("2"), "v", s("old"))));
        int recordsBefore = local.streamRecords(table).size();

        // WHEN / THEN
        assertThatThrownBy(() -> local.dynamo.transactWriteItems(r -> r.transactItems(
                put(table, item("pk", s("a"), "sk", n("1")), "attribute_not_exists(pk)"),
                put(table, item("pk", s("a"), "sk", n("2")), "attribute_not_exists(pk)"),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                        .key(item("pk", s("a"), "sk", n("3")))
                        .conditionExpression("attribute_not_exists(v)")).build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                            .containsExactly("None", "ConditionalCheckFailed", "None");
                    assertThat(e.cancellationReasons().get(1).item()).containsEntry("v", s("old"));
                    assertThat(e.getMessage()).contains("[None, ConditionalCheckFailed, None]");
                });
        assertThat(local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a"), "sk", n("1")))).hasItem())
                .isFalse();
        assertThat(local.streamRecords(table)).hasSize(recordsBefore);
    }

    @Test
    void transactWriteItems_shouldApplyOnce_whenTheSameClientRequestTokenIsRetried() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.KEYS_ONLY);
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .clientRequestToken("token-1")
                .transactItems(TransactWriteItem.builder().update(u -> u.tableName(table)
                        .key(item("pk", s("counter")))
                        .updateExpression("ADD hits :one")
                        .expressionAttributeValues(item(":one", n("1")))).build())
                .build();

        // WHEN
        local.dynamo.transactWriteItems(request);
        local.dynamo.transactWriteItems(request);

        // THEN
        assertThat(local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("counter")))).item())
                .containsEntry("hits", n("1"));
        assertThatThrownBy(() -> local.dynamo.transactWriteItems(request.toBuilder()
                .transactItems(put(table, item("pk", s("other")), null)).build()))
                .isInstanceOf(IdempotentParameterMismatchException.class);
    }

    @Test
    void transactWriteItems_shouldBeRefused_whenTwoActionsTouchOneItem() {
        // GIVEN
        String table = local.createTable(false, null);

        // WHEN / THEN
        assertThatThrownBy(() -> local.dynamo.transactWriteItems(r -> r.transactItems(
                put(table, item("pk", s("a")), null),
                put(table, item("pk", s("a")), null))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    @Test
    void transactGetItems_shouldReturnItemsInRequestOrder_whenSomeAreMissing() {
        // GIVEN
        String table = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("b"), "v", s("2"))));

        // WHEN
        var responses = local.dynamo.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s("a")))).build(),
                TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s("b")))).build())).responses();

        // THEN
        assertThat(responses.get(0).item()).isEmpty();
        assertThat(responses.get(1).item()).containsEntry("v", s("2"));
    }

    @Test
    void batchWriteItem_shouldStoreAndDelete_whenReadBackWithBatchGetItem() {
        // GIVEN
        String table = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("gone"))));
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String key = "k" + i;
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item("pk", s(key)))).build());
        }
        writes.add(WriteRequest.builder().deleteRequest(d -> d.key(item("pk", s("gone")))).build());

        // WHEN
        var written = local.dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, writes)));
        BatchGetItemResponse read = local.dynamo.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(item("pk", s("k0")), item("pk", s("k23")), item("pk", s("gone")))
                        .build())));

        // THEN
        assertThat(written.unprocessedItems()).isEmpty();
        assertThat(read.responses().get(table)).extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("k0", "k23");
    }

    @Test
    void batchWriteItem_shouldBeRefused_whenMoreThan25WritesAreSent() {
        // GIVEN
        String table = local.createTable(false, null);
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            String key = "k" + i;
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item("pk", s(key)))).build());
        }

        // WHEN / THEN
        assertThatThrownBy(() -> local.dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, writes))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThat(local.dynamo.scan(r -> r.tableName(table)).count()).isZero();
    }
}
