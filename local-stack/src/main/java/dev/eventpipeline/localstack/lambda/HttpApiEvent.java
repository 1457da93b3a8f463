package dev.eventpipeline.localstack.lambda;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Builds the API Gateway HTTP API payload format 2.0 event of one request, field by field as AWS sends it: header names
 * lower-cased with repeated values comma-joined, the {@code cookie} header moved to {@code cookies}, repeated query
 * parameters comma-joined, and a body that is not text base64-encoded with {@code isBase64Encoded: true}.
 * <p>
 * A body counts as text when its media type is {@code text/*}, JSON ({@code application/json} or any {@code +json}),
 * XML ({@code application/xml} or any {@code +xml}) or {@code application/javascript}, and it is valid UTF-8; every
 * other body, also one without a {@code content-type}, arrives base64-encoded, so functions must decode it.
 * <p>
 * The JWT authorizer is not enforced locally: a bearer JWT's claims are copied unverified into
 * {@code requestContext.authorizer.jwt} so that functions reading them see the same shape as on AWS; requests without
 * one reach the function too.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">
 *      HTTP API Lambda proxy integrations</a>
 */
final class HttpApiEvent {

    static final String API_ID = "local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpApiEvent() {
    }

    static ObjectNode of(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters, byte[] body,
            String requestId, Instant time) {
        Map<String, String> headers = headers(exchange);
        List<String> cookies = cookies(headers.remove("cookie"));
        String rawQuery = exchange.getRequestURI().getRawQuery();

        ObjectNode event = JSON.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", route.routeKey())
                .put("rawPath", exchange.getRequestURI().getRawPath())
                .put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (!cookies.isEmpty()) {
            cookies.forEach(event.putArray("cookies")::add);
        }
        headers.forEach(event.putObject("headers")::put);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            queryParameters(rawQuery).forEach(event.putObject("queryStringParameters")::put);
        }
        event.set("requestContext", requestContext(exchange, route, headers, requestId, time));
        boolean base64 = putBody(event, body, headers.get("content-type"));
        if (!pathParameters.isEmpty()) {
            pathParameters.forEach(event.putObject("pathParameters")::put);
        }
        return event.put("isBase64Encoded", base64);
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        // The gateway answers "Expect: 100-continue" itself, as API Gateway does. Passed on, it made the Quarkus
        // function answer 100 as its final status, and the client waited for an answer that never came.
        headers.remove("expect");
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        headers.merge("x-forwarded-for", client, (sent, added) -> sent + ", " + added);
        headers.put("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
        headers.put("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", "Root=" + traceRoot());
        return headers;
    }

    private static List<String> cookies(String cookieHeader) {
        List<String> cookies = new ArrayList<>();
        if (cookieHeader != null) {
            for (String cookie : cookieHeader.split("[;,]")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        return cookies;
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            String value = nameValue.length == 2 ? decode(nameValue[1]) : "";
            parameters.merge(decode(nameValue[0]), value, (first, next) -> first + "," + next);
        }
        return parameters;
    }

    private static ObjectNode requestContext(HttpExchange exchange, HttpRoute route, Map<String, String> headers,
            String requestId, Instant time) {
        String domainName = headers.getOrDefault("host", "localhost").replaceFirst(":\\d+$", "");
        ObjectNode context = JSON.createObjectNode()
                .put("accountId", FunctionConfig.LOCAL_ACCOUNT_ID)
                .put("apiId", API_ID)
                .put("domainName", domainName)
                .put("domainPrefix", domainName.split("\\.", 2)[0]);
        JwtClaims.of(headers.get("authorization"))
                .ifPresent(claims -> context.putObject("authorizer").putObject("jwt").setAll(claims));
        context.putObject("http")
                .put("method", exchange.getRequestMethod())
                .put("path", exchange.getRequestURI().getRawPath())
                .put("protocol", exchange.getProtocol())
                .put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress())
                .put("userAgent", headers.getOrDefault("user-agent", ""));
        return context.put("requestId", requestId)
                .put("routeKey", route.routeKey())
                .put("stage", "$default")
                .put("time", REQUEST_TIME.format(time))
                .put("timeEpoch", time.toEpochMilli());
    }

    /** Puts the body, if any, and says whether it went in base64. */
    private static boolean putBody(ObjectNode event, byte[] body, String contentType) {
        if (body.length == 0) {
            return false;
        }
        String text = isTextType(contentType) ? utf8(body) : null;
        event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
        return text == null;
    }

    static boolean isTextType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.startsWith("text/") || mediaType.equals("application/json") || mediaType.endsWith("+json")
                || mediaType.equals("application/xml") || mediaType.endsWith("+xml")
                || mediaType.equals("application/javascript");
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String traceRoot() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("1-%08x-%08x%016x", System.currentTimeMillis() / 1000, random.nextInt(), random.nextLong());
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
