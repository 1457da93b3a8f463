package dev.eventpipeline.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.eventpipeline.model.EventItem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static dev.eventpipeline.ingest.TestEvents.newSubject;
import static dev.eventpipeline.ingest.TestEvents.stored;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function invoked with API Gateway HTTP API (payload format 2.0) events as AWS sends them, including bodies API
 * Gateway base64-encodes. The fixtures are posted to the mock event server's raw invocation path, which hands them to
 * the Lambda handler unchanged and returns its {@code APIGatewayV2HTTPResponse}.
 */
@QuarkusTest
@QuarkusTestResource(LocalDynamoDbResource.class)
class ApiGatewayEventTest {

    private static final String GREETING = "Grüße – café";

    @Test
    void handler_decodesBase64BodyInDeclaredCharset_whenApiGatewayEventCarriesWindows1252() {
        // GIVEN
        String event = fixture("structured-windows-1252-base64.json");

        // WHEN
        JsonPath response = invoke(event);

        // THEN
        assertThat(response.getInt("statusCode")).isEqualTo(201);
        JsonPath receipt = JsonPath.from(response.getString("body"));
        assertThat(receipt.getString("id")).isEqualTo("fixture-windows-1252-1");
        assertThat(receipt.getLong("sequence")).isEqualTo(1);
        assertThat(stored("greetings/fixture-windows-1252").get(0).get(EventItem.DATA).s())
                .isEqualTo("{\"text\":\"" + GREETING + "\"}");
    }

    @Test
    void handler_returns415ProblemAndStoresNothing_whenBodyIsFormEncoded() {
        // GIVEN
        String event = fixture("binary-form-urlencoded-base64.json");

        // WHEN
        JsonPath response = invoke(event);

        // THEN
        assertThat(response.getInt("statusCode")).isEqualTo(415);
        assertThat(response.getString("headers['Content-Type']")).startsWith(Problem.MEDIA_TYPE);
        JsonPath problem = JsonPath.from(response.getString("body"));
        assertThat(problem.getList("errors.field", String.class)).containsExactly("Content-Type");
        assertThat(problem.getString("detail")).contains("application/x-www-form-urlencoded");
        assertThat(stored("greetings/fixture-form")).isEmpty();
    }

    @Test
    void handler_storesBase64BodyAsData_whenBinaryModeEventHasNoContentType() {
        // GIVEN API Gateway base64-encodes a body without Content-Type
        String event = fixture("binary-no-content-type-base64.json");

        // WHEN
        JsonPath response = invoke(event);

        // THEN
        assertThat(response.getInt("statusCode")).isEqualTo(201);
        assertThat(stored("greetings/fixture-no-content-type").get(0).get(EventItem.DATA).s())
                .isEqualTo("{\"greeting\":\"" + GREETING + "\"}");
    }

    @Test
    void append_returns415_whenFormEncodedBodyArrivesBase64() {
        // GIVEN the mock event server, like API Gateway, base64-encodes a form-encoded body
        String subject = newSubject();

        // WHEN
        Response response = given()
                .header("ce-specversion", "1.0")
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", TestEvents.SOURCE)
                .header("ce-type", TestEvents.TYPE)
                .header("ce-subject", subject)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body("greeting=" + URLEncoder.encode(GREETING, StandardCharsets.UTF_8))
                .post("/events");

        // THEN
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(stored(subject)).isEmpty();
    }

    private static JsonPath invoke(String apiGatewayEvent) {
        return given()
                .contentType("application/json")
                .body(apiGatewayEvent.getBytes(StandardCharsets.UTF_8))
                .post("/_lambda_")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String fixture(String name) {
        try (InputStream in = ApiGatewayEventTest.class.getResourceAsStream("/apigateway/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
