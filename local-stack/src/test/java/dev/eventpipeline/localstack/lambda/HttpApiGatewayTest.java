package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class HttpApiGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path workDir;
    private static LocalFunction function;
    private static HttpApiGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        workDir = Files.createTempDirectory("http-api-test");
        FunctionConfig config = new FunctionConfig("http", TestFunctionZip.build(workDir),
                "dev.eventpipeline.localstack.lambda.testfunction.ScriptedHandler::handleRequest", 256,
                Duration.ofSeconds(3), "eu-west-1", Map.of());
        function = LocalFunction.start(config, workDir, System.out::println);
        gateway = HttpApiGateway.start(0, List.of(
                HttpRoute.of("ANY", "/{proxy+}", function::invoke),
                HttpRoute.of("POST", "/echo", function::invoke),
                HttpRoute.of("GET", "/things/{id}", function::invoke)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        function.close();
    }

    @Test
    void request_shouldReachFunctionAsPayload2Event_whenBodyIsJson() throws Exception {
        // GIVEN
        HttpRequest request = request("/echo?a=1&a=2&b=x%20y")
                .header("content-type", "application/json")
                .header("x-multi", "one")
                .header("x-multi", "two")
                .header("cookie", "c1=v1; c2=v2")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1.50,\"s\":\"é\"}"))
                .build();

        // WHEN
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-echo")).hasValue("yes");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("routeKey").asText()).isEqualTo("POST /echo");
        assertThat(event.get("rawPath").asText()).isEqualTo("/echo");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("a=1&a=2&b=x%20y");
        assertThat(event.get("queryStringParameters")).isEqualTo(JSON.readTree("{\"a\":\"1,2\",\"b\":\"x y\"}"));
        assertThat(event.get("cookies")).isEqualTo(JSON.readTree("[\"c1=v1\",\"c2=v2\"]"));
        assertThat(event.get("headers").get("x-multi").asText()).isEqualTo("one,two");
        assertThat(event.get("headers").get("content-type").asText()).isEqualTo("application/json");
        assertThat(event.get("headers").has("cookie")).isFalse();
        assertThat(event.get("body").asText()).isEqualTo("{\"n\":1.50,\"s\":\"é\"}");
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        JsonNode context = event.get("requestContext");
        assertThat(context.get("http").get("method").asText()).isEqualTo("POST");
        assertThat(context.get("http").get("path").asText()).isEqualTo("/echo");
        assertThat(context.get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("routeKey").asText()).isEqualTo("POST /echo");
        assertThat(context.get("requestId").asText()).isEqualTo(response.headers().firstValue("apigw-requestid").get());
        assertThat(context.get("timeEpoch").asLong()).isPositive();
        assertThat(context.get("time").asText()).matches("\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
    }

    /**
     * Regression: curl sends "Expect: 100-continue" for bodies over 1 MiB; passed on to the function, it made the
     * ingest function answer 100 as its final status and the client hung for 30 s and more.
     */
    @Test
    void request_shouldReachFunctionWithoutExpect_whenClientAsksToContinue() throws Exception {
        // GIVEN
        HttpRequest request = request("/echo")
                .header("content-type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}"))
                .build();

        // WHEN
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.get("headers").has("expect")).isFalse();
        assertThat(event.get("body").asText()).isEqualTo("{\"n\":1}");
    }

    @Test
    void request_shouldCarryJwtClaimsAsStrings_whenBearerTokenIsSent() throws Exception {
        // GIVEN
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"sub\":\"producer-1\",\"scope\":\"events/write\",\"exp\":1796404501}";
        String token = base64.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + base64.encodeToString(claims.getBytes()) + ".c2ln";
        HttpRequest request = request("/echo")
                .header("authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();

        // WHEN
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        // THEN
        JsonNode jwt = JSON.readTree(response.body()).at("/requestContext/authorizer/jwt");
        assertThat(jwt.get("claims")).isEqualTo(JSON.readTree(
                "{\"sub\":\"producer-1\",\"scope\":\"events/write\",\"exp\":\"1796404501\"}"));
        assertThat(jwt.get("scopes").isNull()).isTrue();
    }

    @Test
    void request_shouldHaveTheFieldsOfTheRecordedAwsEvent_whenProducerPostsAnEvent() throws Exception {
        // GIVEN
        JsonNode fixture = JsonShape.fixture("api-gateway-http-v2-post-event.json");
        HttpRequest request = request("/echo")
                .header("content-type", fixture.at("/headers/content-type").asText())
                .header("authorization", fixture.at("/headers/authorization").asText())
                .POST(HttpRequest.BodyPublishers.ofString(fixture.get("body").asText()))
                .build();

        // WHEN
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        // THEN
        Set<String> opaque = Set.of("/headers", "/requestContext/authorizer/jwt/claims");
        JsonNode event = JSON.readTree(response.body());
        assertThat(JsonShape.of(event, opaque)).isEqualTo(JsonShape.of(fixture, opaque));
        assertThat(event.get("body")).isEqualTo(fixture.get("body"));
        assertThat(event.at("/requestContext/authorizer/jwt/claims/sub"))
                .isEqualTo(fixture.at("/requestContext/authorizer/jwt/claims/sub"));
    }

    @Test
    void request_shouldArriveBase64Encoded_whenBodyIsNotText() throws Exception {
        // GIVEN
        byte[] body = { 0, (byte) 0xc3, 0x28, (byte) 0xff };
        HttpRequest request = request("/echo")
                .header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        // WHEN
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        // THEN
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(body);
    }

    @Test
    void request_shouldCarryPathParameters_whenRouteHasVariables() throws Exception {
        // WHEN
        HttpResponse<String> response = HTTP.send(request("/things/42").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN
        JsonNode event = JSON.readTree(response.body());
        assertThat(event.get("routeKey").asText()).isEqualTo("GET /things/{id}");
        assertThat(event.get("pathParameters").get("id").asText()).isEqualTo("42");
        assertThat(event.has("body")).isFalse();
    }

    @Test
    void response_shouldBeDecoded_whenFunctionAnswersBase64() throws Exception {
        // WHEN
        HttpResponse<byte[]> response = HTTP.send(request("/any/binary").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
        assertThat(response.body()).containsExactly(0, 1, 2, 0xff);
    }

    @Test
    void response_shouldSetCookiesAndRepeatedHeaders_whenFunctionReturnsThem() throws Exception {
        // WHEN
        HttpResponse<String> response = HTTP.send(request("/any/cookies").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; HttpOnly", "theme=dark");
        assertThat(response.headers().allValues("x-multi")).containsExactly("one", "two");
        assertThat(response.body()).isEqualTo("with cookies");
    }

    @Test
    void response_shouldBeJson200_whenFunctionReturnsJsonWithoutStatusCode() throws Exception {
        // WHEN
        HttpResponse<String> response = HTTP.send(request("/any/plain").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"plain\":true}"));
    }

    @Test
    void response_shouldBe500_whenFunctionFails() throws Exception {
        // WHEN
        HttpResponse<String> response = HTTP.send(request("/any/fail").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void response_shouldBe503_whenFunctionTimesOut() throws Exception {
        // WHEN
        HttpResponse<String> response = HTTP.send(request("/any/sleep").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
    }

    @Test
    void request_shouldBe413_whenBodyExceedsLambdaPayloadLimit() throws Exception {
        // GIVEN
        byte[] body = new byte[HttpApiGateway.MAX_PAYLOAD_BYTES + 1];
        HttpRequest request = request("/echo")
                .header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();

        // WHEN
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void request_shouldBe404_whenNoRouteMatches() throws Exception {
        // WHEN
        HttpResponse<String> response = HTTP.send(request("/").GET().build(), HttpResponse.BodyHandlers.ofString());

        // THEN
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
    }
}
