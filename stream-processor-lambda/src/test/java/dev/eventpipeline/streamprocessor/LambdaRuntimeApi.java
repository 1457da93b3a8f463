package dev.eventpipeline.streamprocessor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda Runtime API as AWS serves it to a function, on 127.0.0.1: the function's poll loop asks
 * {@code GET /2018-06-01/runtime/invocation/next} for an event and posts its answer to {@code .../{requestId}/response}
 * or {@code .../{requestId}/error}. Tests invoke the function through it, so the event travels exactly as in Lambda:
 * JSON bytes into the Quarkus runtime, answer bytes out.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>
 */
final class LambdaRuntimeApi implements AutoCloseable {

    private static final String INVOCATION_PATH = "/2018-06-01/runtime/invocation/";
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(60);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LambdaRuntimeApi(HttpServer server) {
        this.server = server;
    }

    static LambdaRuntimeApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LambdaRuntimeApi api = new LambdaRuntimeApi(server);
            server.createContext(INVOCATION_PATH, api::handle);
            server.setExecutor(api.executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port}, as the {@code AWS_LAMBDA_RUNTIME_API} environment variable gives it in Lambda. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Invokes the function with an event and waits for its answer.
     *
     * @throws IllegalStateException with the function's error when it failed the invocation
     */
    String invoke(String event) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        pending.add(new Invocation(requestId, event));
        try {
            return answer.get(INVOCATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("invocation " + requestId + " did not answer: " + e.getMessage(), e);
        } finally {
            answers.remove(requestId);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(INVOCATION_PATH.length());
            if (path.equals("next")) {
                next(exchange);
            } else if (path.endsWith("/response")) {
                complete(exchange, path, false);
            } else if (path.endsWith("/error")) {
                complete(exchange, path, true);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = awaitInvocation();
        if (invocation == null) {
            exchange.sendResponseHeaders(503, -1);
            return;
        }
        byte[] body = invocation.event().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + INVOCATION_TIMEOUT.toMillis()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:000000000000:function:stream-processor");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Long-polls like Lambda, but wakes up now and then so that closing does not wait for an invocation. */
    private Invocation awaitInvocation() {
        try {
            while (!closed) {
                Invocation invocation = pending.poll(100, TimeUnit.MILLISECONDS);
                if (invocation != null) {
                    return invocation;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private void complete(HttpExchange exchange, String path, boolean error) throws IOException {
        String requestId = path.substring(0, path.indexOf('/'));
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CompletableFuture<String> answer = answers.get(requestId);
        if (answer != null && error) {
            answer.completeExceptionally(new IllegalStateException("the function failed: " + body));
        } else if (answer != null) {
            answer.complete(body);
        }
        exchange.sendResponseHeaders(202, -1);
    }

    private record Invocation(String requestId, String event) {
    }
}
