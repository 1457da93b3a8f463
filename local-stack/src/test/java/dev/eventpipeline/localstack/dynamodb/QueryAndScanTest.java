package dev.eventpipeline.localstack.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryAndScanTest {

    static LocalDynamoDbFixture local;
    static String table;

    @BeforeAll
    static void start() {
        local = LocalDynamoDbFixture.inMemory();
        table = local.createTable(true, null);
        for (int p = 0; p < 10; p++) {
            for (int i = 1; i <= 10; i++) {
                String partition = "p" + p;
                String sequence = Integer.toString(i);
                String kind = i % 2 == 0 ? "even" : "odd";
                local.dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s(partition), "sk", n(sequence), "kind", s(kind))));
            }
        }
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void query_shouldSelectTheRange_whenBetweenIsUsed() {
        // WHEN
        QueryResponse response = query("pk = :p AND sk BETWEEN :low AND :high", item(":p", s("p1"), ":low", n("3"),
                ":high", n("5")));

        // THEN
        assertThat(response.items()).extracting(i -> i.get("sk").n()).containsExactly("3", "4", "5");
    }

    @Test
    void query_shouldCountBeforeAndAfterTheFilter_whenAFilterExpressionIsGiven() {
        // WHEN
        QueryResponse response = local.dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :p AND sk <= :high")
                .filterExpression("kind = :even")
                .expressionAttributeValues(item(":p", s("p2"), ":high", n("6"), ":even", s("even"))));

        // THEN
        assertThat(response.scannedCount()).isEqualTo(6);
        assertThat(response.count()).isEqualTo(3);
    }

    @Test
    void query_shouldReturnOnlyTheCount_whenSelectIsCount() {
        // WHEN
        QueryResponse response = local.dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :p")
                .select(Select.COUNT)
                .expressionAttributeValues(item(":p", s("p3"))));

        // THEN
        assertThat(response.count()).isEqualTo(10);
        assertThat(response.hasItems()).isFalse();
    }

    @Test
    void query_shouldReturnOnlyThePrefix_whenBeginsWithIsUsedOnAStringSortKey() {
        // GIVEN
        String strings = "s-" + UUID.randomUUID();
        local.dynamo.createTable(r -> r.tableName(strings)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
        for (String sortKey : List.of("2024-12-31", "2025-01-01", "2025-06-30", "2026-01-01")) {
            local.dynamo.putItem(r -> r.tableName(strings).item(item("pk", s("a"), "sk", s(sortKey))));
        }

        // WHEN
        QueryResponse backwards = local.dynamo.query(r -> r.tableName(strings)
                .keyConditionExpression("pk = :p AND begins_with(sk, :year)")
                .expressionAttributeValues(item(":p", s("a"), ":year", s("2025")))
                .scanIndexForward(false));

        // THEN
        assertThat(backwards.items()).extracting(i -> i.get("sk").s()).containsExactly("2025-06-30", "2025-01-01");
        assertThatThrownBy(() -> local.dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :p AND begins_with(sk, :prefix)")
                .expressionAttributeValues(item(":p", s("p1"), ":prefix", n("1")))))
                .isInstanceOf(DynamoDbException.class);
    }

    @Test
    void query_shouldAnswerValidation_whenThePartitionKeyIsMissing() {
        assertThatThrownBy(() -> query("sk = :s", item(":s", n("1"))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("Query condition missed key schema element: pk"));
    }

    @Test
    void query_shouldAnswerValidation_whenTheStartKeyIsOutsideTheKeyCondition() {
        assertThatThrownBy(() -> local.dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :p AND sk BETWEEN :low AND :high")
                .expressionAttributeValues(item(":p", s("p1"), ":low", n("3"), ":high", n("5")))
                .exclusiveStartKey(item("pk", s("p1"), "sk", n("9")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("outside query boundaries"));
    }

    @Test
    void scan_shouldVisitEveryItemExactlyOnce_whenSplitIntoParallelSegmentsAndPages() {
        // GIVEN
        List<String> seen = new ArrayList<>();

        // WHEN
        for (int segment = 0; segment < 3; segment++) {
            Map<String, AttributeValue> start = null;
            do {
                int current = segment;
                Map<String, AttributeValue> from = start;
                ScanResponse page = local.dynamo.scan(r -> r.tableName(table)
                        .segment(current)
                        .totalSegments(3)
                        .limit(7)
                        .exclusiveStartKey(from));
                page.items().forEach(i -> seen.add(i.get("pk").s() + "/" + i.get("sk").n()));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
        }

        // THEN
        assertThat(seen).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void scan_shouldAnswerValidation_whenTheSegmentIsNotBelowTotalSegments() {
        assertThatThrownBy(() -> local.dynamo.scan(r -> r.tableName(table).segment(3).totalSegments(3)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("Segment: 3 is not less than TotalSegments: 3"));
    }

    private static QueryResponse query(String keyCondition, Map<String, AttributeValue> values) {
        return local.dynamo.query(r -> r.tableName(table)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values));
    }
}
