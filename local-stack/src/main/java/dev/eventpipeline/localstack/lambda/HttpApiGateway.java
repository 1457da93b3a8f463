package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An API Gateway HTTP API with Lambda proxy integrations on 127.0.0.1, as {@code sam local start-api} serves one: each
 * request becomes a payload format 2.0 event ({@link HttpApiEvent}), the matching route's function is invoked
 * synchronously, and its response is mapped back ({@link HttpApiResponse}).
 * <p>
 * Answers as API Gateway does when the function cannot: 404 {@code {"message":"Not Found"}} without a matching route,
 * 413 {@code {"message":"Request Entity Too Large"}} when the request body or the event exceeds Lambda's 6 MB
 * invocation payload, 500 {@code {"message":"Internal Server Error"}} on a function error and 503
 * {@code {"message":"Service Unavailable"}} on a function timeout. Every answer carries {@code apigw-requestid}.
 */
public final class HttpApiGateway implements AutoCloseable {

    /** Lambda's limit on a synchronous invocation payload, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(HttpApiGateway.class);

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<HttpRoute> routes;

    private HttpApiGateway(HttpServer server, List<HttpRoute> routes) {
        this.server = server;
        this.routes = routes.stream()
                .sorted(Comparator.comparingInt(HttpRoute::precedence))
                .toList();
        this.threads = Executors.newCachedThreadPool(DaemonThreads.named("http-api"));
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * Starts serving the routes.
     *
     * @param port the port on 127.0.0.1 (3000 as {@code sam local start-api}), or 0 for an ephemeral one
     */
    public static HttpApiGateway start(int port, List<HttpRoute> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        HttpApiGateway gateway = new HttpApiGateway(server, routes);
        server.start();
        LOG.infof("HTTP API listening on http://127.0.0.1:%d with routes %s", gateway.port(),
                routes.stream().map(HttpRoute::routeKey).toList());
        return gateway;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening; requests in progress are cut off. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = requestId();
            HttpApiResponse response = answer(exchange, requestId);
            LOG.debugf("HTTP API request %s %s %s answered %d", requestId, exchange.getRequestMethod(),
                    exchange.getRequestURI(), response.status());
            send(exchange, requestId, response);
        }
    }

    private HttpApiResponse answer(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        for (HttpRoute route : routes) {
            Optional<Map<String, String>> pathParameters = route.match(method, path);
            if (pathParameters.isPresent()) {
                return invoke(exchange, route, pathParameters.get(), requestId);
            }
        }
        return HttpApiResponse.message(404, "Not Found");
    }

    private HttpApiResponse invoke(HttpExchange exchange, HttpRoute route, Map<String, String> pathParameters,
            String requestId) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        if (body.length > MAX_PAYLOAD_BYTES) {
            return HttpApiResponse.message(413, "Request Entity Too Large");
        }
        byte[] event = HttpApiEvent.of(exchange, route, pathParameters, body, requestId, Instant.now())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
        if (event.length > MAX_PAYLOAD_BYTES) {
            return HttpApiResponse.message(413, "Request Entity Too Large");
        }
        InvocationResult result = route.function().invoke(event).toCompletableFuture().join();
        logFailure(requestId, route, result);
        return HttpApiResponse.of(result);
    }

    private static void logFailure(String requestId, HttpRoute route, InvocationResult result) {
        if (result instanceof InvocationResult.FunctionError error) {
            LOG.warnf("HTTP API request %s on route %s: function request %s failed with %s: %s", requestId,
                    route.routeKey(), error.requestId(), error.errorType(), error.errorMessage());
        } else if (result instanceof InvocationResult.Timeout timeout) {
            LOG.warnf("HTTP API request %s on route %s: function request %s timed out after %d ms", requestId,
                    route.routeKey(), timeout.requestId(), timeout.timeout().toMillis());
        }
    }

    /** Reads at most one byte past the limit, so that an oversized body is known without holding all of it. */
    private static byte[] readBody(InputStream body) throws IOException {
        byte[] read = body.readNBytes(MAX_PAYLOAD_BYTES + 1);
        body.transferTo(OutputStream.nullOutputStream());
        return read;
    }

    private static void send(HttpExchange exchange, String requestId, HttpApiResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
        headers.set("apigw-requestid", requestId);
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    /** An id shaped like API Gateway's: 12 random bytes, base64. */
    private static String requestId() {
        byte[] id = new byte[12];
        ThreadLocalRandom.current().nextBytes(id);
        return Base64.getEncoder().encodeToString(id);
    }
}
