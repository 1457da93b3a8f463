package dev.eventpipeline.localstack.lambda;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runtime API spoken over HTTP by the test itself, as a runtime would. */
class LambdaRuntimeApiTest {

    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:protocol";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LambdaRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        api = LambdaRuntimeApi.start(ARN, Duration.ofSeconds(30), 0);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void next_shouldHandOutEventWithRuntimeHeaders_whenInvocationIsQueued() throws Exception {
        // GIVEN
        long before = System.currentTimeMillis();
        CompletableFuture<InvocationResult> result = api.invoke(bytes("{\"n\":1}")).toCompletableFuture();

        // WHEN
        HttpResponse<String> next = get("invocation/next");

        // THEN
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("{\"n\":1}");
        String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
        assertThat(next.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue(ARN);
        assertThat(next.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow()).startsWith("Root=1-");
        assertThat(Long.parseLong(next.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()))
                .isBetween(before + 29_000, System.currentTimeMillis() + 30_000);

        assertThat(post("invocation/" + requestId + "/response", "{\"ok\":true}").statusCode()).isEqualTo(202);
        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(InvocationResult.Success.class,
                success -> assertThat(success.payloadText()).isEqualTo("{\"ok\":true}"));
    }

    @Test
    void error_shouldCompleteInvocationWithErrorDocument_whenRuntimeReportsFailure() throws Exception {
        // GIVEN
        CompletableFuture<InvocationResult> result = api.invoke(bytes("{}")).toCompletableFuture();
        String requestId = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

        // WHEN
        post("invocation/" + requestId + "/error", "{\"errorMessage\":\"bad\",\"errorType\":\"MyError\"}");

        // THEN
        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                error -> {
                    assertThat(error.errorType()).isEqualTo("MyError");
                    assertThat(error.errorMessage()).isEqualTo("bad");
                });
    }

    @Test
    void response_shouldBeRefused_whenRequestIdIsUnknown() throws Exception {
        // WHEN
        HttpResponse<String> response = post("invocation/no-such-id/response", "{}");

        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidRequestID");
    }

    @Test
    void response_shouldBeFunctionError_whenLargerThanLambdaAllows() throws Exception {
        // GIVEN
        CompletableFuture<InvocationResult> result = api.invoke(bytes("{}")).toCompletableFuture();
        String requestId = get("invocation/next").headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();

        // WHEN
        post("invocation/" + requestId + "/response", "x".repeat(LambdaRuntimeApi.MAX_RESPONSE_BYTES + 1));

        // THEN
        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                error -> assertThat(error.errorType()).isEqualTo("Function.ResponseSizeTooLarge"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + api.address() + "/2018-06-01/runtime/" + path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
