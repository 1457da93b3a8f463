package dev.eventpipeline.localstack.dynamodb.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP side: the JDK's HTTP server on 127.0.0.1 with a fixed pool of worker threads. {@code POST /} carries the
 * DynamoDB and DynamoDB Streams JSON 1.0 protocol; {@code POST /_local/faults} injects failures.
 */
public final class HttpFront implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpFront.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final Pattern CREDENTIAL_REGION = Pattern.compile("Credential=[^/]*/\\d{8}/([^/]+)/");
    private static final int WORKER_THREADS = 16;
    private static final String DEFAULT_REGION = "us-east-1";

    private final HttpServer server;
    private final ExecutorService workers;
    private final DynamoDbApi api;
    private final Faults faults;

    private HttpFront(HttpServer server, ExecutorService workers, DynamoDbApi api, Faults faults) {
        this.server = server;
        this.workers = workers;
        this.api = api;
        this.faults = faults;
    }

    /** Binds 127.0.0.1 on the port (0 picks a free one) and starts serving. */
    public static HttpFront start(int port, DynamoDbApi api, Faults faults) throws IOException {
        disableNagle();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, workerThreads());
        HttpFront front = new HttpFront(server, workers, api, faults);
        server.createContext("/", front::handle);
        server.setExecutor(workers);
        server.start();
        return front;
    }

    /**
     * The JDK server writes headers and body separately; with Nagle's algorithm on, each response then waits for the
     * client's delayed ACK (about 40 ms). The server reads this switch once, before its first use in the JVM.
     */
    private static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "local-dynamodb-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/_local/faults")) {
                respond(exchange, 200, injectFault(body));
            } else {
                serveApi(exchange, body);
            }
        } catch (IOException e) {
            LOG.debugf("Client went away before its response was written: %s", e.getMessage());
        }
    }

    private void serveApi(HttpExchange exchange, byte[] body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        ObjectNode response;
        int status = 200;
        try {
            response = api.handle(target, body, region(exchange.getRequestHeaders().getFirst("Authorization")));
        } catch (ApiException e) {
            LOG.debugf("%s answered %s: %s", target, e.type(), e.getMessage());
            status = e.status();
            response = e.body();
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed unexpectedly; answering InternalServerError", target);
            status = 500;
            response = ApiException.of("InternalServerError", 500, "Internal server error: " + e, null).body();
        }
        respond(exchange, status, response);
    }

    private ObjectNode injectFault(byte[] body) {
        try {
            JsonNode request = Json.parseRequest(body);
            faults.failNext(Json.requiredText(request, "operation"), request.path("count").asInt(1),
                    Json.requiredText(request, "error"));
            return Json.object();
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(e.getMessage());
        }
    }

    private static String region(String authorization) {
        if (authorization == null) {
            return DEFAULT_REGION;
        }
        Matcher matcher = CREDENTIAL_REGION.matcher(authorization);
        return matcher.find() ? matcher.group(1) : DEFAULT_REGION;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode response) throws IOException {
        byte[] bytes = Json.write(response);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops accepting requests and ends the worker threads. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
