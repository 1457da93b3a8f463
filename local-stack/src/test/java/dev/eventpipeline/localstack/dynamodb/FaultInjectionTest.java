package dev.eventpipeline.localstack.dynamodb;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

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
    void failNext_shouldBeRetriedAwayBySdk_whenFewerThrottlesThanSdkAttempts() {
        // GIVEN
        String table = local.createTable(false, null);
        local.db.failNext("PutItem", 2, "ThrottlingException");

        // WHEN
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"))));

        // THEN
        assertThat(local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a")))).hasItem()).isTrue();
    }

    @Test
    void failNext_shouldSurfaceTheThrottlingType_whenEveryAttemptIsThrottled() {
        // GIVEN
        String table = local.createTable(false, null);
        local.db.failNext("PutItem", 10, "ProvisionedThroughputExceededException");

        // WHEN / THEN
        assertThatThrownBy(() -> local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a")))))
                .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        local.db.failNext("PutItem", 0, "ThrottlingException");
    }

    @Test
    void faultsAdminCall_shouldFailTheNextRequest_whenPostedOverHttp() throws Exception {
        // GIVEN
        String table = local.createTable(false, null);
        HttpRequest request = HttpRequest.newBuilder(local.db.endpoint().resolve("/_local/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"operation\":\"GetItem\",\"count\":5,\"error\":\"InternalServerError\"}"))
                .build();

        // WHEN
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
                });
        local.db.failNext("GetItem", 0, "ThrottlingException");
    }

    @Test
    void failNext_shouldBeRefused_whenTheErrorTypeIsUnknown() {
        assertThatThrownBy(() -> local.db.failNext("PutItem", 1, "Boom"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ThrottlingException");
    }
}
