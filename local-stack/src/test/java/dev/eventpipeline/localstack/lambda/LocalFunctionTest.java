package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLER = "dev.eventpipeline.localstack.lambda.testfunction.ScriptedHandler::handleRequest";

    @TempDir
    Path workDir;

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private LocalFunction function;

    @AfterEach
    void stop() {
        if (function != null) {
            function.close();
        }
    }

    @Test
    void invoke_shouldPassContextAndEnvironment_whenHandlerAsksForThem() throws Exception {
        // GIVEN
        function = start(HANDLER, Duration.ofSeconds(30));

        // WHEN
        InvocationResult result = invoke("{\"action\":\"context\"}");

        // THEN
        assertThat(result).isInstanceOf(InvocationResult.Success.class);
        JsonNode context = JSON.readTree(((InvocationResult.Success) result).payload());
        assertThat(context.get("requestId").asText()).isEqualTo(result.requestId());
        assertThat(context.get("functionName").asText()).isEqualTo("scripted");
        assertThat(context.get("functionArn").asText())
                .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:scripted");
        assertThat(context.get("memoryLimitInMB").asInt()).isEqualTo(256);
        assertThat(context.get("remainingTimeInMillis").asInt()).isBetween(1, 30_000);
        assertThat(context.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(context.get("greeting").asText()).isEqualTo("hello");
    }

    @Test
    void invoke_shouldReturnFunctionError_whenHandlerThrows() throws Exception {
        // GIVEN
        function = start(HANDLER, Duration.ofSeconds(30));

        // WHEN
        InvocationResult result = invoke("{\"action\":\"fail\"}");

        // THEN
        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class, error -> {
            assertThat(error.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.errorMessage()).isEqualTo("asked to fail");
            assertThat(new String(error.payload(), StandardCharsets.UTF_8)).contains("\"stackTrace\":[");
        });
        assertThat(invoke("{\"action\":\"plain\"}")).isInstanceOf(InvocationResult.Success.class);
    }

    @Test
    void invoke_shouldTimeOutAndServeTheNextInvocation_whenHandlerRunsPastTimeout() throws Exception {
        // GIVEN
        function = start(HANDLER, Duration.ofSeconds(2));

        // WHEN
        var slow = function.invoke(bytes("{\"action\":\"sleep\"}"));
        var next = function.invoke(bytes("{\"action\":\"plain\"}"));

        // THEN
        assertThat(slow.toCompletableFuture().get(30, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Timeout.class);
        assertThat(next.toCompletableFuture().get(60, TimeUnit.SECONDS)).isInstanceOf(InvocationResult.Success.class);
    }

    @Test
    void invoke_shouldReportExitErrorAndRestart_whenRuntimeProcessDies() throws Exception {
        // GIVEN
        function = start(HANDLER, Duration.ofSeconds(30));

        // WHEN
        InvocationResult crashed = invoke("{\"action\":\"exit\"}");

        // THEN
        assertThat(crashed).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                error -> assertThat(error.errorType()).isEqualTo("Runtime.ExitError"));
        assertThat(invoke("{\"action\":\"plain\"}")).isInstanceOf(InvocationResult.Success.class);
    }

    @Test
    void invoke_shouldReturnInitError_whenHandlerClassIsMissing() throws Exception {
        // GIVEN
        function = start("com.example.Missing::handleRequest", Duration.ofSeconds(30));

        // WHEN
        InvocationResult result = invoke("{\"action\":\"plain\"}");

        // THEN
        assertThat(result).isInstanceOfSatisfying(InvocationResult.FunctionError.class,
                error -> assertThat(error.errorType()).isEqualTo("java.lang.ClassNotFoundException"));
    }

    @Test
    void start_shouldPrefixEveryLineWithFunctionName_whenHandlerWritesToStdout() throws Exception {
        // GIVEN
        function = start(HANDLER, Duration.ofSeconds(30));

        // WHEN
        InvocationResult result = invoke("{\"action\":\"plain\"}");

        // THEN
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(logLines).contains("[scripted] handling plain request " + result.requestId()));
    }

    @Test
    void close_shouldLeaveNoProcessBehind_whenInvocationIsRunning() throws Exception {
        // GIVEN
        function = start(HANDLER, Duration.ofSeconds(30));
        var running = function.invoke(bytes("{\"action\":\"sleep\"}"));
        List<ProcessHandle> children = awaitChildren();

        // WHEN
        function.close();

        // THEN
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(running.toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isInstanceOf(InvocationResult.FunctionError.class);
    }

    private List<ProcessHandle> awaitChildren() {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> ProcessHandle.current().children().toList(), list -> !list.isEmpty());
    }

    private LocalFunction start(String handler, Duration timeout) throws IOException {
        FunctionConfig config = new FunctionConfig("scripted", TestFunctionZip.build(workDir), handler, 256, timeout,
                "eu-west-1", Map.of("GREETING", "hello"));
        return LocalFunction.start(config, workDir, logLines::add);
    }

    private InvocationResult invoke(String payload) throws Exception {
        return function.invoke(bytes(payload)).toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
