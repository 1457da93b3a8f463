package dev.eventpipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static dev.eventpipeline.ingest.TestEvents.event;
import static dev.eventpipeline.ingest.TestEvents.newSubject;
import static dev.eventpipeline.ingest.TestEvents.storedSequences;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code POST /events/batch}: each event judged on its own, results in request order.
 */
@QuarkusTest
@QuarkusTestResource(LocalDynamoDbResource.class)
class BatchTest {

    private static final String BATCH_JSON = "application/cloudevents-batch+json";

    @Test
    void appendBatch_answersEachEventInRequestOrder_whenResultsAreMixed() {
        // GIVEN
        String subject = newSubject();
        String other = newSubject();
        String firstId = UUID.randomUUID().toString();
        String first = event(subject).id(firstId).data("{\"n\":1}").json();
        String batch = TestEvents.batch(
                first,
                event(subject).without("type").json(),
                event(other).json(),
                event(subject).json(),
                first,
                event(subject).id(firstId).data("{\"n\":2}").json(),
                event(subject).with("expectedsequence", "0").json());

        // WHEN
        Response response = post(BATCH_JSON, batch);

        // THEN
        response.then().statusCode(200);
        JsonPath results = response.jsonPath().setRootPath("results");
        assertThat(results.getList("status", Integer.class)).containsExactly(201, 400, 201, 201, 200, 409, 409);
        assertThat(results.getList("outcome", String.class)).containsExactly("accepted", "rejected", "accepted",
                "accepted", "duplicate", "rejected", "rejected");
        assertThat(results.getList("sequence")).containsExactly(1, null, 1, 2, 1, null, null);
        assertThat(results.getList("[1].errors.field", String.class)).containsExactly("type");
        assertThat(results.getList("[5].errors.code", String.class)).containsExactly(Problems.DUPLICATE_ID);
        assertThat(results.getInt("[6].currentSequence")).isEqualTo(2);
        assertThat(storedSequences(subject)).containsExactly(1L, 2L);
        assertThat(storedSequences(other)).containsExactly(1L);
    }

    /** Regression: a refused element was known only by its position, even when it carried an id and source. */
    @Test
    void appendBatch_namesInvalidEventByItsIdAndSource_whenItHasThem() {
        // GIVEN an element without a type, and one whose id is not a string
        String invalid = event(newSubject()).id("no-type-1").without("type").json();
        String unreadableId = "{\"specversion\":\"1.0\",\"id\":7,\"source\":\"urn:x\",\"type\":\"t\"}";

        // WHEN
        Response response = post(BATCH_JSON, TestEvents.batch(invalid, unreadableId));

        // THEN
        JsonPath results = response.jsonPath().setRootPath("results");
        assertThat(results.getList("outcome", String.class)).containsExactly("rejected", "rejected");
        assertThat(results.getString("[0].id")).isEqualTo("no-type-1");
        assertThat(results.getString("[0].source")).isNotBlank();
        assertThat(results.getString("[1].id")).as("an id that is not a string is not echoed").isNull();
        assertThat(results.getString("[1].source")).isEqualTo("urn:x");
    }

    @Test
    void appendBatch_appendsSameSubjectInRequestOrder_whenManyEvents() {
        // GIVEN
        String subject = newSubject();
        List<String> ids = IntStream.rangeClosed(1, 25)
                .mapToObj(i -> "order-step-" + i)
                .toList();
        String batch = TestEvents.batch(ids.stream().map(id -> event(subject).id(id).json()).toArray(String[]::new));

        // WHEN
        Response response = post(BATCH_JSON, batch);

        // THEN
        JsonPath results = response.jsonPath().setRootPath("results");
        assertThat(results.getList("id", String.class)).containsExactlyElementsOf(ids);
        assertThat(results.getList("sequence", Integer.class)).isSorted().containsExactlyElementsOf(
                IntStream.rangeClosed(1, 25).boxed().toList());
    }

    @Test
    void appendBatch_returns413AndStoresNothing_whenMoreEventsThanConfigured() {
        // GIVEN
        String subject = newSubject();
        String batch = TestEvents.batch(Collections.nCopies(501, event(subject).json()).toArray(String[]::new));

        // WHEN
        Response response = post(BATCH_JSON, batch);

        // THEN
        response.then()
                .statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.code", hasItem(Problems.REQUEST_TOO_LARGE));
        assertThat(storedSequences(subject)).isEmpty();
    }

    @Test
    void appendBatch_returns415_whenNotTheBatchMediaType() {
        // WHEN
        Response response = post("application/cloudevents+json", TestEvents.batch(event(newSubject()).json()));

        // THEN
        response.then().statusCode(415).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void appendBatch_returns400_whenBodyIsNotAnArray() {
        // WHEN
        Response response = post(BATCH_JSON, event(newSubject()).json());

        // THEN
        response.then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors.code", hasItem("invalid_json"));
    }

    private static Response post(String contentType, String body) {
        return given()
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/events/batch");
    }
}
