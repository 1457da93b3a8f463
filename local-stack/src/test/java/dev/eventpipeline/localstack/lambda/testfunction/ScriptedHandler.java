package dev.eventpipeline.localstack.lambda.testfunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The test function: a {@link RequestStreamHandler} packaged into a zip and run in its own process. What it does
 * comes from the event: {@code action} in a direct invoke, or the last path segment of an HTTP API event.
 */
public class ScriptedHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        String action = event.has("action") ? event.get("action").asText()
                : event.path("rawPath").asText().substring(event.path("rawPath").asText().lastIndexOf('/') + 1);
        System.out.println("handling " + action + " request " + context.getAwsRequestId());
        JSON.writeValue(output, act(action, event, context));
    }

    private JsonNode act(String action, JsonNode event, Context context) {
        switch (action) {
            case "fail":
                throw new IllegalStateException("asked to fail");
            case "sleep":
                sleep();
                return event;
            case "exit":
                Runtime.getRuntime().halt(3);
                return event;
            case "context":
                return context(context);
            case "rendezvous":
                return rendezvous(context);
            case "plain":
                return JSON.createObjectNode().put("plain", true);
            case "binary":
                return binary();
            case "cookies":
                return cookies();
            default:
                return echo(event);
        }
    }

    private static JsonNode echo(JsonNode event) {
        ObjectNode response = JSON.createObjectNode().put("statusCode", 201);
        response.putObject("headers").put("content-type", "application/json").put("x-echo", "yes");
        response.put("body", event.toString());
        return response;
    }

    private static JsonNode context(Context context) {
        return JSON.createObjectNode()
                .put("requestId", context.getAwsRequestId())
                .put("functionName", context.getFunctionName())
                .put("functionArn", context.getInvokedFunctionArn())
                .put("memoryLimitInMB", context.getMemoryLimitInMB())
                .put("remainingTimeInMillis", context.getRemainingTimeInMillis())
                .put("region", System.getenv("AWS_REGION"))
                .put("greeting", System.getenv("GREETING"));
    }

    private static JsonNode binary() {
        ObjectNode response = JSON.createObjectNode().put("statusCode", 200);
        response.putObject("headers").put("content-type", "application/octet-stream");
        response.put("body", Base64.getEncoder().encodeToString(new byte[] { 0, 1, 2, (byte) 0xff }));
        response.put("isBase64Encoded", true);
        return response;
    }

    private static JsonNode cookies() {
        ObjectNode response = JSON.createObjectNode().put("statusCode", 200).put("body", "with cookies");
        response.putArray("cookies").add("session=abc; HttpOnly").add("theme=dark");
        response.putObject("multiValueHeaders").putArray("x-multi").add("one").add("two");
        return response;
    }

    /** Waits (up to 20 s) until a second invocation runs at the same time; says whether one did. */
    private static JsonNode rendezvous(Context context) {
        try {
            Path directory = Path.of(System.getenv("RENDEZVOUS_DIR"));
            Files.createFile(directory.resolve(context.getAwsRequestId()));
            long giveUp = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < giveUp) {
                try (Stream<Path> arrived = Files.list(directory)) {
                    if (arrived.count() >= 2) {
                        return JSON.createObjectNode().put("together", true);
                    }
                }
                Thread.sleep(50);
            }
            return JSON.createObjectNode().put("together", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
