package dev.eventpipeline.localstack.dynamodb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionsTest {

    static LocalDynamoDbFixture local;
    static String table;

    @BeforeAll
    static void start() {
        local = LocalDynamoDbFixture.inMemory();
        table = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(table).item(item(
                "pk", s("doc"),
                "name", s("octocat/hello"),
                "stars", n("42"),
                "tags", AttributeValue.fromSs(List.of("java", "aws")),
                "author", AttributeValue.fromM(Map.of(
                        "login", s("octocat"),
                        "repos", AttributeValue.fromL(List.of(
                                AttributeValue.fromM(Map.of("id", n("7"))),
                                AttributeValue.fromM(Map.of("id", n("8"))))))),
                "archived", AttributeValue.fromBool(false))));
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "stars = :n42 | true",
            "stars <> :n42 | false",
            "stars > :n7 AND stars <= :n42 | true",
            "stars < :n7 OR #n = :name | true",
            "NOT (stars BETWEEN :n7 AND :n42) | false",
            "stars IN (:n7, :n42) | true",
            "attribute_exists(author.repos[1].id) | true",
            "attribute_not_exists(author.repos[2]) | true",
            "attribute_type(tags, :ss) | true",
            "begins_with(#n, :prefix) | true",
            "contains(tags, :java) | true",
            "contains(#n, :hello) | true",
            "size(tags) = :n2 | true",
            "size(author.repos) > :n2 | false",
            "author.repos[0].id = :n7 AND archived = :false | true",
            "(stars = :n7 OR stars = :n42) AND NOT archived = :true | true"
    })
    void conditionExpression_shouldDecideLikeDynamoDb_whenTheItemExists(String condition, boolean holds) {
        // GIVEN
        Map<String, AttributeValue> candidates = Map.of(":n42", n("42"), ":n7", n("7"), ":n2", n("2"), ":name",
                s("octocat/hello"), ":ss", s("SS"), ":prefix", s("octocat/"), ":java", s("java"), ":hello", s("hello"),
                ":false", AttributeValue.fromBool(false), ":true", AttributeValue.fromBool(true));
        Map<String, AttributeValue> used = new HashMap<>();
        candidates.forEach((k, v) -> {
            if (condition.matches(".*" + k + "\\b.*")) {
                used.put(k, v);
            }
        });

        // WHEN
        boolean passed;
        try {
            local.dynamo.updateItem(r -> r.tableName(table)
                    .key(item("pk", s("doc")))
                    .updateExpression("SET checkedBy = :probe")
                    .conditionExpression(condition)
                    .expressionAttributeNames(condition.contains("#n") ? Map.of("#n", "name") : null)
                    .expressionAttributeValues(withProbe(used)));
            passed = true;
        } catch (ConditionalCheckFailedException e) {
            passed = false;
        }

        // THEN
        assertThat(passed).isEqualTo(holds);
    }

    private static Map<String, AttributeValue> withProbe(Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":probe", s("test"));
        return all;
    }

    @Test
    void updateExpression_shouldApplyEveryAction_whenNestedPathsListsAndSetsAreChanged() {
        // GIVEN
        String other = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(other).item(item("pk", s("a"),
                "list", AttributeValue.fromL(List.of(n("1"), n("2"), n("3"))),
                "map", AttributeValue.fromM(Map.of("nested", s("x"))),
                "set", AttributeValue.fromNs(List.of("1", "2")),
                "queue", AttributeValue.fromL(List.of(s("first"), s("second"))),
                "gone", s("bye"))));

        // WHEN
        Map<String, AttributeValue> updated = local.dynamo.updateItem(r -> r.tableName(other)
                .key(item("pk", s("a")))
                .updateExpression("SET #l = list_append(#l, :more), #m.added = :v, #m.nested = :w"
                        + " REMOVE gone, queue[0] DELETE #s :one ADD hits :five")
                .expressionAttributeNames(Map.of("#l", "list", "#m", "map", "#s", "set"))
                .expressionAttributeValues(item(":more", AttributeValue.fromL(List.of(n("4"))), ":v", s("y"),
                        ":w", s("z"), ":one", AttributeValue.fromNs(List.of("1")), ":five", n("5")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();

        // THEN
        assertThat(updated.get("list").l()).extracting(AttributeValue::n).containsExactly("1", "2", "3", "4");
        assertThat(updated.get("queue").l()).containsExactly(s("second"));
        assertThat(updated.get("map").m()).containsEntry("added", s("y")).containsEntry("nested", s("z"));
        assertThat(updated.get("set").ns()).containsExactly("2");
        assertThat(updated).doesNotContainKey("gone").containsEntry("hits", n("5"));
    }

    @Test
    void updateItem_shouldReturnOnlyTheChangedAttributes_whenUpdatedOldAndUpdatedNewAreAsked() {
        // GIVEN
        String other = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(other).item(item("pk", s("a"), "v", n("1"), "keep", s("k"))));

        // WHEN
        Map<String, AttributeValue> old = local.dynamo.updateItem(r -> r.tableName(other)
                .key(item("pk", s("a")))
                .updateExpression("SET v = v + :one")
                .expressionAttributeValues(item(":one", n("1")))
                .returnValues(ReturnValue.UPDATED_OLD)).attributes();
        Map<String, AttributeValue> fresh = local.dynamo.updateItem(r -> r.tableName(other)
                .key(item("pk", s("a")))
                .updateExpression("SET v = v + :one")
                .expressionAttributeValues(item(":one", n("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();

        // THEN
        assertThat(old).isEqualTo(item("v", n("1")));
        assertThat(fresh).isEqualTo(item("v", n("3")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SET pk = :v | Cannot update attribute pk. This attribute is part of the key",
            "SET absent1 = absent2 + :v | The provided expression refers to an attribute that does not exist in the item",
            "SET a = :v, a.b = :v | Two document paths overlap with each other",
            "SET status = :v | Attribute name is a reserved keyword; reserved keyword: status",
            "SET a = :v SET b = :v | The \"SET\" section can only be used once",
            "SET a = :undefined | An expression attribute value used in expression is not defined"
    })
    void updateItem_shouldAnswerValidation_whenTheExpressionBreaksARule(String expression, String message) {
        assertThatThrownBy(() -> local.dynamo.updateItem(r -> r.tableName(table)
                .key(item("pk", s("doc")))
                .updateExpression(expression)
                .expressionAttributeValues(item(":v", s("x")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                });
    }

    @Test
    void putItem_shouldAnswerValidation_whenAValuePlaceholderIsUnused() {
        assertThatThrownBy(() -> local.dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("x")))
                .conditionExpression("attribute_not_exists(pk)")
                .expressionAttributeValues(item(":unused", s("x")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}"));
    }

    @Test
    void getItem_shouldReturnOnlyProjectedPaths_whenAProjectionExpressionIsGiven() {
        // WHEN
        Map<String, AttributeValue> projected = local.dynamo.getItem(r -> r.tableName(table)
                .key(item("pk", s("doc")))
                .projectionExpression("stars, author.repos[1].id, #n")
                .expressionAttributeNames(Map.of("#n", "name"))).item();

        // THEN
        assertThat(projected).containsOnlyKeys("stars", "author", "name");
        assertThat(projected.get("author").m().get("repos").l()).containsExactly(AttributeValue.fromM(Map.of("id",
                n("8"))));
    }
}
