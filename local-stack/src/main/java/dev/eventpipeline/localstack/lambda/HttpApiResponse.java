package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP answer API Gateway gives for a function's payload format 2.0 response: a response object with
 * {@code statusCode} sets status, {@code headers}, {@code multiValueHeaders}, {@code cookies} (as {@code Set-Cookie})
 * and {@code body} (decoded when {@code isBase64Encoded}); any other JSON becomes a 200 with that JSON as an
 * {@code application/json} body (a JSON string as its text). A function error or a response that is not JSON is a 500,
 * a timeout a 503, each with API Gateway's message body.
 *
 * @param status the HTTP status
 * @param headers response headers; a name may repeat
 * @param body the response body
 */
record HttpApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpApiResponse of(InvocationResult result) {
        if (result instanceof InvocationResult.Success success) {
            return fromPayload(success.payload());
        }
        if (result instanceof InvocationResult.Timeout) {
            return message(503, "Service Unavailable");
        }
        return internalServerError();
    }

    static HttpApiResponse message(int status, String message) {
        String body = JSON.createObjectNode().put("message", message).toString();
        return new HttpApiResponse(status, List.of(Map.entry("content-type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpApiResponse internalServerError() {
        return message(500, "Internal Server Error");
    }

    private static HttpApiResponse fromPayload(byte[] payload) {
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (IOException e) {
            return internalServerError();
        }
        if (response == null || response.isMissingNode()) {
            return internalServerError();
        }
        if (response.isObject() && response.has("statusCode")) {
            return structured(response);
        }
        String body = response.isTextual() ? response.asText() : response.toString();
        return new HttpApiResponse(200, List.of(Map.entry("content-type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpApiResponse structured(JsonNode response) {
        if (!response.get("statusCode").canConvertToInt()) {
            return internalServerError();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.path("headers").fields()
                .forEachRemaining(header -> headers.add(Map.entry(header.getKey(), header.getValue().asText())));
        response.path("multiValueHeaders").fields()
                .forEachRemaining(header -> header.getValue()
                        .forEach(value -> headers.add(Map.entry(header.getKey(), value.asText()))));
        response.path("cookies").forEach(cookie -> headers.add(Map.entry("set-cookie", cookie.asText())));
        return new HttpApiResponse(response.get("statusCode").asInt(), headers, body(response));
    }

    private static byte[] body(JsonNode response) {
        JsonNode body = response.path("body");
        if (body.isMissingNode() || body.isNull()) {
            return new byte[0];
        }
        String text = body.isTextual() ? body.asText() : body.toString();
        return response.path("isBase64Encoded").asBoolean(false) ? Base64.getMimeDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
    }
}
