package dev.eventpipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.eventpipeline.ingest.store.EventStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static dev.eventpipeline.ingest.TestEvents.event;
import static dev.eventpipeline.ingest.TestEvents.newSubject;
import static dev.eventpipeline.ingest.TestEvents.storedSequences;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DynamoDB throttling that outlasts the AWS SDK's retries, caused with the local DynamoDB's fault injection.
 */
@QuarkusTest
@QuarkusTestResource(LocalDynamoDbResource.class)
class ThrottlingTest {

    @Test
    void append_returns503WithRetryAfterThenStoresOnResend_whenDynamoDbKeepsThrottling() {
        // GIVEN
        String subject = newSubject();
        String body = event(subject).json();
        LocalDynamoDbResource.dynamoDb().failNext("TransactWriteItems", EventStore.SDK_ATTEMPTS, "ThrottlingException");

        // WHEN
        Response throttled = post(body);

        // THEN
        assertThat(throttled.statusCode()).isEqualTo(503);
        assertThat(throttled.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(throttled.header("Retry-After")).isEqualTo(Integer.toString(EventIngest.THROTTLED_RETRY_AFTER_SECONDS));
        assertThat(throttled.jsonPath().getList("errors.code", String.class)).containsExactly(Problems.THROTTLED);
        assertThat(storedSequences(subject)).isEmpty();

        // WHEN the producer sends the same event again
        // THEN it is stored, once
        await().atMost(Duration.ofSeconds(30)).until(() -> post(body).statusCode() == 201);
        assertThat(storedSequences(subject)).containsExactly(1L);
    }

    private static Response post(String body) {
        return given()
                .contentType("application/cloudevents+json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/events");
    }
}
