package dev.eventpipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static dev.eventpipeline.ingest.TestEvents.event;
import static dev.eventpipeline.ingest.TestEvents.newSubject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the envelope, through {@code POST /events}: each broken rule is answered with 400 problem JSON naming
 * the field and the rule, and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(LocalDynamoDbResource.class)
class EnvelopeRulesTest {

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                rule("id missing", e -> e.without("id"), "missing_attribute", "id"),
                rule("source missing", e -> e.without("source"), "missing_attribute", "source"),
                rule("type missing", e -> e.without("type"), "missing_attribute", "type"),
                rule("subject missing", e -> e.without("subject"), "missing_attribute", "subject"),
                rule("specversion missing", e -> e.without("specversion"), "missing_attribute", "specversion"),
                rule("specversion 0.3", e -> e.with("specversion", "\"0.3\""), "unsupported_specversion", "specversion"),
                rule("id a number", e -> e.with("id", "42"), "invalid_attribute_type", "id"),
                rule("id empty", e -> e.with("id", "\"\""), "invalid_length", "id"),
                rule("id too long", e -> e.with("id", TestEvents.quoted("i".repeat(257))), "invalid_length", "id"),
                rule("subject with a control character", e -> e.with("subject", "\"orders/\\u0007\""),
                        "control_character", "subject"),
                rule("source not a URI-reference", e -> e.with("source", "\"not a uri\""), "invalid_uri", "source"),
                rule("dataschema relative", e -> e.with("dataschema", "\"schemas/order\""), "invalid_uri", "dataschema"),
                rule("time without offset", e -> e.with("time", "\"2024-03-01T10:15:00\""), "invalid_time", "time"),
                rule("time offset without colon", e -> e.with("time", "\"2024-03-01T10:15:00+0530\""), "invalid_time",
                        "time"),
                rule("extension name with upper case", e -> e.with("traceId", "\"abc\""), "invalid_extension", "traceId"),
                rule("extension the pipeline reserves", e -> e.with("sequence", "7"), "invalid_extension", "sequence"),
                rule("expectedsequence negative", e -> e.with("expectedsequence", "-1"), "invalid_extension",
                        "expectedsequence"),
                rule("data not JSON by its content type", e -> e.with("datacontenttype", "\"text/plain\""),
                        "unsupported_data", "datacontenttype"),
                rule("data_base64", e -> e.without("data").with("data_base64", "\"AAEC\""), "unsupported_data",
                        "data_base64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void append_returns400NamingFieldAndRule_whenEnvelopeBreaksIt(String rule, UnaryOperator<TestEvents.Builder> breakIt,
            String code, String field) {
        // GIVEN
        String subject = newSubject();
        String body = breakIt.apply(event(subject)).json();

        // WHEN
        Response response = post(body);

        // THEN
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        List<Map<String, String>> errors = response.jsonPath().getList("errors");
        assertThat(errors).as(body).anySatisfy(error -> {
            assertThat(error).containsEntry("code", code).containsEntry("field", field);
            assertThat(error.get("message")).isNotBlank();
        });
        assertThat(response.jsonPath().getString("type")).startsWith("urn:event-pipeline:problem:");
        assertThat(TestEvents.stored(subject)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void append_returns400InvalidJson_whenBodyIsNotAnEventObject(String description, String body) {
        // WHEN
        Response response = post(body);

        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getList("errors.code", String.class)).contains("invalid_json");
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                Arguments.of("empty body", ""),
                Arguments.of("truncated JSON", "{\"specversion\":\"1.0\","),
                Arguments.of("array", "[]"),
                Arguments.of("trailing content", event(newSubject()).json() + " {}"));
    }

    @Test
    void append_reportsEveryViolation_whenSeveralRulesAreBroken() {
        // GIVEN
        String body = event(newSubject())
                .without("type")
                .with("specversion", "\"0.3\"")
                .with("time", "\"yesterday\"")
                .json();

        // WHEN
        Response response = post(body);

        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.jsonPath().getList("errors.field", String.class))
                .containsExactlyInAnyOrder("type", "specversion", "time");
    }

    private static Arguments rule(String name, UnaryOperator<TestEvents.Builder> breakIt, String code, String field) {
        return Arguments.of(name, breakIt, code, field);
    }

    private static Response post(String body) {
        return given()
                .contentType("application/cloudevents+json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/events");
    }
}
