package dev.eventpipeline.bench.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
 * The part of the AWS Lambda Runtime API a function's poll loop uses ({@code invocation/next}, {@code response},
 * {@code error}), on 127.0.0.1, so a packaged function runs here exactly as in a Lambda sandbox: it learns the
 * address from {@code AWS_LAMBDA_RUNTIME_API} and fetches one invocation at a time.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>
 */
final class LambdaRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final long DEADLINE_MILLIS = 30_000;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    private record Invocation(String requestId, String event) {
    }

    private LambdaRuntimeApi(HttpServer server) {
        this.server = server;
    }

    static LambdaRuntimeApi start() throws IOException {
        LambdaRuntimeApi api = new LambdaRuntimeApi(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16));
        api.server.createContext(PREFIX, api::handle);
        api.server.setExecutor(api.executor);
        api.server.start();
        return api;
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one invocation; the future completes with the function's response payload. */
    CompletableFuture<String> invoke(String event) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<String> response = new CompletableFuture<>();
        inFlight.put(requestId, response);
        pending.add(new Invocation(requestId, event));
        return response;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        try (exchange) {
            if (path.equals("invocation/next")) {
                next(exchange);
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path, false);
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path, true);
            } else {
                respond(exchange, 202, "");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = pending.poll(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (invocation == null) {
            return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + DEADLINE_MILLIS));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:ingest-bench");
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        respond(exchange, 200, invocation.event());
    }

    private void complete(HttpExchange exchange, String path, boolean error) throws IOException {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CompletableFuture<String> response = inFlight.remove(requestId);
        if (response != null && error) {
            response.completeExceptionally(new IllegalStateException("the function reported an error: " + payload));
        } else if (response != null) {
            response.complete(payload);
        }
        respond(exchange, 202, "");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
