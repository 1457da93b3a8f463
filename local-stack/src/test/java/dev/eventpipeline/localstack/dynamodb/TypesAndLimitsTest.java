package dev.eventpipeline.localstack.dynamodb;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypesAndLimitsTest {

    static LocalDynamoDbFixture local;
    static String table;

    @BeforeAll
    static void start() {
        local = LocalDynamoDbFixture.inMemory();
        table = local.createTable(false, null);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void putItem_shouldRoundTripEveryType_whenReadBack() {
        // GIVEN
        Map<String, AttributeValue> stored = item("pk", s("types"),
                "s", s(""),
                "n", n("-12.5"),
                "b", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")),
                "bool", AttributeValue.fromBool(true),
                "null", AttributeValue.fromNul(true),
                "l", AttributeValue.fromL(List.of(s("a"), n("1"))),
                "m", AttributeValue.fromM(Map.of("k", s("v"))),
                "ss", AttributeValue.fromSs(List.of("a", "b")),
                "ns", AttributeValue.fromNs(List.of("1", "2")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))));

        // WHEN
        local.dynamo.putItem(r -> r.tableName(table).item(stored));

        // THEN
        assertThat(local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("types")))).item()).isEqualTo(stored);
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource({
            "1.500, 1.5",
            "0001, 1",
            "-0.0, 0",
            "1E+3, 1000",
            "12345678901234567890123456789012345678, 12345678901234567890123456789012345678",
            "0.00000000000000000000000000000000000001, 0.00000000000000000000000000000000000001"
    })
    void putItem_shouldNormaliseNumbers_whenTheyHaveRedundantDigits(String written, String read) {
        // WHEN
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("number"), "n", n(written))));

        // THEN
        assertThat(local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("number")))).item().get("n").n())
                .isEqualTo(read);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "123456789012345678901234567890123456789 | Attempting to store more than 38 significant digits in a Number",
            "1E+126 | Number overflow",
            "1E-131 | Number underflow",
            "twelve | A value provided cannot be converted into a number"
    })
    void putItem_shouldAnswerValidation_whenANumberIsOutOfRange(String written, String message) {
        assertValidation(() -> local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("bad"), "n", n(written)))),
                message);
    }

    @Test
    void putItem_shouldRefuseTheItem_whenItIsOneByteOver400Kilobytes() {
        // GIVEN: name "pk" (2) + value "ok" (2) + name "s" (1) + the string's bytes = 400 KB
        String exact = "x".repeat(400 * 1024 - 2 - 2 - 1);
        Map<String, AttributeValue> fits = item("pk", s("ok"), "s", s(exact));

        // WHEN
        local.dynamo.putItem(r -> r.tableName(table).item(fits));

        // THEN
        assertValidation(() -> local.dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("ok"), "s", s(exact + "x")))), "Item size has exceeded the maximum allowed size");
    }

    @Test
    void putItem_shouldAnswerValidation_whenTheKeyIsEmptyOrOfTheWrongType() {
        assertValidation(() -> local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("")))),
                "cannot contain an empty string value. Key: pk");
        assertValidation(() -> local.dynamo.putItem(r -> r.tableName(table).item(item("pk", n("1")))),
                "Type mismatch for key pk expected: S actual: N");
        assertValidation(() -> local.dynamo.putItem(r -> r.tableName(table).item(item("other", s("1")))),
                "Missing the key pk in the item");
        assertValidation(() -> local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p".repeat(2049))))),
                "2048 bytes");
    }

    @Test
    void putItem_shouldAnswerValidation_whenASetIsEmptyOrHasDuplicates() {
        assertValidation(() -> local.dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("set"), "ss", AttributeValue.fromSs(List.of())))), "may not be empty");
        assertValidation(() -> local.dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("set"), "ns", AttributeValue.fromNs(List.of("1", "1.0"))))), "contains duplicates");
    }

    @Test
    void getItem_shouldAnswerValidation_whenTheKeyHasExtraAttributes() {
        assertValidation(() -> local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a"), "x", s("b")))),
                "The provided key element does not match the schema");
    }

    private static void assertValidation(Runnable call, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }
}
