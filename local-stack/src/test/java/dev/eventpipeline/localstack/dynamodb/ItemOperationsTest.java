package dev.eventpipeline.localstack.dynamodb;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemOperationsTest {

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
    void putItem_shouldBeReadBack_whenGetItemAsksForItsKey() {
        // GIVEN
        String table = local.createTable(true, null);
        Map<String, AttributeValue> stored = item("pk", s("a"), "sk", n("1"), "payload", s("hello"));

        // WHEN
        local.dynamo.putItem(r -> r.tableName(table).item(stored));

        // THEN
        Map<String, AttributeValue> read = local.dynamo.getItem(r -> r.tableName(table)
                .key(item("pk", s("a"), "sk", n("1")))).item();
        assertThat(read).isEqualTo(stored);
    }

    @Test
    void putItem_shouldFailWithConditionalCheckFailed_whenAttributeNotExistsMeetsAnExistingItem() {
        // GIVEN
        String table = local.createTable(true, null);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n("1"), "v", s("first"))));

        // WHEN / THEN
        assertThatThrownBy(() -> local.dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("a"), "sk", n("1"), "v", s("second")))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.item()).containsEntry("v", s("first"));
                });
    }

    @Test
    void query_shouldPageThroughASortKeyRange_whenLimitAndExclusiveStartKeyAreGiven() {
        // GIVEN
        String table = local.createTable(true, null);
        for (int i = 1; i <= 5; i++) {
            String sequence = Integer.toString(i);
            local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n(sequence))));
        }

        // WHEN
        QueryResponse first = local.dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk AND sk > :after")
                .expressionAttributeValues(item(":pk", s("a"), ":after", n("1")))
                .scanIndexForward(false)
                .limit(2));
        QueryResponse second = local.dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk AND sk > :after")
                .expressionAttributeValues(item(":pk", s("a"), ":after", n("1")))
                .scanIndexForward(false)
                .limit(2)
                .exclusiveStartKey(first.lastEvaluatedKey()));

        // THEN
        assertThat(first.items()).extracting(i -> i.get("sk").n()).containsExactly("5", "4");
        assertThat(second.items()).extracting(i -> i.get("sk").n()).containsExactly("3", "2");
    }

    @Test
    void updateItem_shouldReturnTheNewItem_whenSetAddAndIfNotExistsAreCombined() {
        // GIVEN
        String table = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "count", n("1"))));

        // WHEN
        Map<String, AttributeValue> updated = local.dynamo.updateItem(r -> r.tableName(table)
                .key(item("pk", s("a")))
                .updateExpression("SET #c = #c + :one, created = if_not_exists(created, :now) ADD tags :tags")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(item(":one", n("1"), ":now", s("t0"), ":tags",
                        AttributeValue.fromSs(List.of("x"))))
                .returnValues(ReturnValue.ALL_NEW)).attributes();

        // THEN
        assertThat(updated).containsEntry("count", n("2"))
                .containsEntry("created", s("t0"))
                .containsEntry("tags", AttributeValue.fromSs(List.of("x")));
    }

    @Test
    void deleteItem_shouldReturnTheOldItem_whenReturnValuesIsAllOld() {
        // GIVEN
        String table = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", s("x"))));

        // WHEN
        Map<String, AttributeValue> old = local.dynamo.deleteItem(r -> r.tableName(table)
                .key(item("pk", s("a")))
                .conditionExpression("v = :x")
                .expressionAttributeValues(item(":x", s("x")))
                .returnValues(ReturnValue.ALL_OLD)).attributes();

        // THEN
        assertThat(old).containsEntry("v", s("x"));
        assertThat(local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a")))).hasItem()).isFalse();
    }

    @Test
    void updateItem_shouldLeaveTheItemUnchanged_whenItsConditionFails() {
        // GIVEN
        String table = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "version", n("2"))));

        // WHEN / THEN
        assertThatThrownBy(() -> local.dynamo.updateItem(r -> r.tableName(table)
                .key(item("pk", s("a")))
                .updateExpression("SET version = :next")
                .conditionExpression("version = :expected")
                .expressionAttributeValues(item(":next", n("2"), ":expected", n("1")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
                        e -> assertThat(e.item()).containsEntry("version", n("2")));
    }

    @Test
    void streams_shouldHoldOneRecordPerCommittedWrite_whenAConditionFails() {
        // GIVEN
        String table = local.createTable(true, StreamViewType.NEW_AND_OLD_IMAGES);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n("1"), "v", s("1"))));
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n("1"), "v", s("2"))));

        // WHEN
        assertThatThrownBy(() -> local.dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("a"), "sk", n("1"), "v", s("3")))
                .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        local.dynamo.deleteItem(r -> r.tableName(table).key(item("pk", s("a"), "sk", n("1"))));

        // THEN
        List<Record> records = local.streamRecords(table);
        assertThat(records).extracting(Record::eventNameAsString).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(records.get(1).dynamodb().oldImage()).containsEntry("v", s("1"));
        assertThat(records.get(1).dynamodb().newImage()).containsEntry("v", s("2"));
    }
}
