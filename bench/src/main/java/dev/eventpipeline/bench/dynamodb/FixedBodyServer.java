package dev.eventpipeline.bench.dynamodb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The raw ceiling of the HTTP stack: the JDK HTTP server with the same worker pool as the local DynamoDB endpoint,
 * reading each request body and answering a fixed body with the same headers, doing nothing else.
 */
final class FixedBodyServer implements AutoCloseable {

    private static final int WORKER_THREADS = 16;

    private final HttpServer server;
    private final ExecutorService workers;
    private volatile byte[] body;

    FixedBodyServer(byte[] body) throws IOException {
        this.body = body;
        // Same switch as the local DynamoDB endpoint sets: without it every response waits for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        this.workers = Executors.newFixedThreadPool(WORKER_THREADS, task -> {
            Thread thread = new Thread(task, "fixed-body-server");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::answer);
        server.setExecutor(workers);
        server.start();
    }

    /** Changes the body answered from now on, to match the response size of the operation under test. */
    void answerWith(byte[] newBody) {
        this.body = newBody;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = body;
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
