package dev.eventpipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.eventpipeline.model.EventItem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.eventpipeline.ingest.TestEvents.event;
import static dev.eventpipeline.ingest.TestEvents.newSubject;
import static dev.eventpipeline.ingest.TestEvents.stored;
import static dev.eventpipeline.ingest.TestEvents.storedSequences;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code POST /events} through the Lambda HTTP edge (RestAssured requests become API Gateway v2 events in the mock
 * event server) with the real AWS SDK against the local DynamoDB.
 */
@QuarkusTest
@QuarkusTestResource(LocalDynamoDbResource.class)
class EventsResourceTest {

    private static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    @Test
    void append_returns201WithSequence_whenStructuredEvent() {
        // GIVEN
        String subject = newSubject();
        String id = UUID.randomUUID().toString();

        // WHEN
        Response response = post(CLOUDEVENTS_JSON, event(subject).id(id).json());

        // THEN
        response.then()
                .statusCode(201)
                .body("id", equalTo(id))
                .body("source", equalTo(TestEvents.SOURCE))
                .body("subject", equalTo(subject))
                .body("sequence", equalTo(1));
        assertThat(response.jsonPath().getString("receivedAt")).endsWith("Z");
        assertThat(storedSequences(subject)).containsExactly(1L);
    }

    @Test
    void append_returns201_whenPlainApplicationJson() {
        // GIVEN
        String subject = newSubject();

        // WHEN
        Response response = post("application/json", event(subject).json());

        // THEN
        response.then().statusCode(201).body("sequence", equalTo(1));
    }

    @Test
    void append_numbersEventsOneTwoThree_whenSameSubject() {
        // GIVEN
        String subject = newSubject();

        // WHEN
        List<Integer> sequences = List.of(1, 2, 3).stream()
                .map(i -> post(CLOUDEVENTS_JSON, event(subject).json()).jsonPath().getInt("sequence"))
                .toList();

        // THEN
        assertThat(sequences).containsExactly(1, 2, 3);
        assertThat(storedSequences(subject)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void append_storesBodyAsData_whenBinaryModeWithMixedCaseHeaders() {
        // GIVEN
        String subject = newSubject();
        String data = "{\"zeta\":1,\"alpha\":[true,null,\"Grüße – café\"]}";

        // WHEN
        Response response = given()
                .header("CE-SpecVersion", "1.0")
                .header("ce-ID", "binary-" + UUID.randomUUID())
                .header("Ce-Source", TestEvents.SOURCE)
                .header("ce-type", TestEvents.TYPE)
                .header("ce-subject", subject)
                .header("ce-traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .contentType("application/json")
                .body(data.getBytes(StandardCharsets.UTF_8))
                .post("/events");

        // THEN
        response.then().statusCode(201).body("sequence", equalTo(1));
        Map<String, AttributeValue> item = stored(subject).get(0);
        assertThat(item.get(EventItem.DATA).s()).isEqualTo(data);
        assertThat(item.get(EventItem.EXTENSIONS).s()).contains("traceparent");
    }

    @Test
    void append_returns200WithOriginalSequence_whenSameEventResent() {
        // GIVEN
        String subject = newSubject();
        String first = event(subject).json();
        String original = post(CLOUDEVENTS_JSON, first).jsonPath().getString("receivedAt");
        post(CLOUDEVENTS_JSON, event(subject).json());

        // WHEN
        Response resend = post(CLOUDEVENTS_JSON, first);

        // THEN
        resend.then()
                .statusCode(200)
                .body("sequence", equalTo(1))
                .body("receivedAt", equalTo(original));
        assertThat(storedSequences(subject)).containsExactly(1L, 2L);
    }

    @Test
    void append_returns409_whenSameSourceAndIdArriveWithOtherContent() {
        // GIVEN
        String subject = newSubject();
        String id = UUID.randomUUID().toString();
        post(CLOUDEVENTS_JSON, event(subject).id(id).data("{\"total\":1}").json()).then().statusCode(201);

        // WHEN
        Response conflict = post(CLOUDEVENTS_JSON, event(subject).id(id).data("{\"total\":2}").json());

        // THEN
        conflict.then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(409))
                .body("errors.code", hasItem(Problems.DUPLICATE_ID))
                .body("errors.field", hasItem("id"));
        assertThat(stored(subject)).hasSize(1);
        assertThat(stored(subject).get(0).get(EventItem.DATA).s()).isEqualTo("{\"total\":1}");
    }

    @Test
    void append_appends_whenExpectedSequenceMatches() {
        // GIVEN
        String subject = newSubject();
        post(CLOUDEVENTS_JSON, event(subject).with("expectedsequence", "0").json()).then().statusCode(201);

        // WHEN
        Response response = post(CLOUDEVENTS_JSON, event(subject).with("expectedsequence", "1").json());

        // THEN
        response.then().statusCode(201).body("sequence", equalTo(2));
    }

    @Test
    void append_returns409WithCurrentSequence_whenExpectedSequenceDiffers() {
        // GIVEN
        String subject = newSubject();
        post(CLOUDEVENTS_JSON, event(subject).json()).then().statusCode(201);
        post(CLOUDEVENTS_JSON, event(subject).json()).then().statusCode(201);

        // WHEN
        Response response = post(CLOUDEVENTS_JSON, event(subject).with("expectedsequence", "1").json());

        // THEN
        response.then()
                .statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("currentSequence", equalTo(2))
                .body("errors.code", hasItem(Problems.SEQUENCE_MISMATCH))
                .body("errors.field", hasItem("expectedsequence"));
        assertThat(storedSequences(subject)).containsExactly(1L, 2L);
    }

    @Test
    void append_rejectsTime_whenOffsetLacksColon() {
        // GIVEN
        String subject = newSubject();

        // WHEN
        Response response = post(CLOUDEVENTS_JSON, event(subject).with("time", "\"2024-03-01T10:15:00+0530\"").json());

        // THEN
        response.then()
                .statusCode(400)
                .body("errors.field", hasItem("time"))
                .body("errors.code", hasItem("invalid_time"));
        assertThat(stored(subject)).isEmpty();
    }

    @Test
    void append_storesTimeInUtc_whenOffsetHasColon() {
        // GIVEN
        String subject = newSubject();

        // WHEN
        Response response = post(CLOUDEVENTS_JSON, event(subject).with("time", "\"2024-03-01T10:15:00+05:30\"").json());

        // THEN
        response.then().statusCode(201);
        assertThat(stored(subject).get(0).get(EventItem.TIME).s()).isEqualTo("2024-03-01T04:45:00Z");
    }

    @Test
    void append_keepsFortyDigitNumbersExactly_whenDataHoldsThem() {
        // GIVEN
        String subject = newSubject();
        String data = "{\"big\":1234567890123456789012345678901234567890,"
                + "\"precise\":0.1234567890123456789012345678901234567891}";

        // WHEN
        Response response = post(CLOUDEVENTS_JSON, event(subject).data(data).json());

        // THEN
        response.then().statusCode(201);
        assertThat(stored(subject).get(0).get(EventItem.DATA).s()).isEqualTo(data);
    }

    @Test
    void append_returns413_whenEventExceedsTheLimit() {
        // GIVEN
        String subject = newSubject();
        String data = "\"" + "x".repeat(300 * 1024) + "\"";

        // WHEN
        Response response = post(CLOUDEVENTS_JSON, event(subject).data(data).json());

        // THEN
        response.then()
                .statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.code", hasItem("event_too_large"));
        assertThat(stored(subject)).isEmpty();
    }

    @Test
    void append_returns415_whenContentTypeIsNotACloudEventsMode() {
        // GIVEN
        String subject = newSubject();

        // WHEN
        Response response = post("text/plain", event(subject).json());

        // THEN
        response.then()
                .statusCode(415)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("Content-Type"));
        assertThat(stored(subject)).isEmpty();
    }

    @Test
    void append_returns415_whenBatchIsSentToSingleEventPath() {
        // GIVEN
        String subject = newSubject();

        // WHEN
        Response response = post("application/cloudevents-batch+json", TestEvents.batch(event(subject).json()));

        // THEN
        response.then().statusCode(415).body("detail", containsString("/events/batch"));
    }

    @Test
    void append_returns415_whenCharsetIsUnknown() {
        // GIVEN
        String subject = newSubject();

        // WHEN
        Response response = post(CLOUDEVENTS_JSON + "; charset=x-no-such-charset", event(subject).json());

        // THEN
        response.then().statusCode(415).body("detail", containsString("x-no-such-charset"));
    }

    @Test
    void append_returnsProblemJson_whenPathIsUnknown() {
        // WHEN
        Response response = given().contentType(CLOUDEVENTS_JSON).body("{}").post("/no-such-path");

        // THEN
        response.then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("status", equalTo(404));
    }

    private static Response post(String contentType, String body) {
        return given()
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/events");
    }
}
