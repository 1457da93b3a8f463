package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local AWS Lambda Runtime API (version 2018-06-01) for one function, bound to 127.0.0.1: the function's runtime
 * process long-polls {@code GET /runtime/invocation/next} and posts {@code /runtime/invocation/{id}/response},
 * {@code /runtime/invocation/{id}/error} or {@code /runtime/init/error}; callers {@link #invoke(byte[])} and get an
 * {@link InvocationResult}.
 * <p>
 * Invocations wait in order until a runtime polls. Each handed-out invocation has the function's timeout; when it
 * passes the result is a {@link InvocationResult.Timeout}, dispatch pauses and the {@link #onTimeout(Runnable)}
 * listener must stop the runtime process, as Lambda does. Whoever runs the process calls
 * {@link #runtimeStopped(String)} once it is gone: in-flight invocations then fail with {@code Runtime.ExitError},
 * polls still open from the old process are dropped, and dispatch resumes for the next process.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html">Lambda Runtime API</a>
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    /** Lambda's limit on a synchronous response, in bytes; a larger one is a {@code Function.ResponseSizeTooLarge}. */
    public static final int MAX_RESPONSE_BYTES = 6_291_556;

    private static final Logger LOG = Logger.getLogger(LambdaRuntimeApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    private final String functionArn;
    private final String functionName;
    private final Duration timeout;
    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService timers;
    private final Object lock = new Object();
    private final Deque<PendingInvocation> queue = new ArrayDeque<>();
    private final Map<String, PendingInvocation> inFlight = new HashMap<>();
    private long generation;
    private boolean paused;
    private boolean polledSinceStart;
    private boolean initErrorReported;
    private boolean closed;
    private volatile Runnable timeoutListener = () -> {
    };

    private LambdaRuntimeApi(String functionArn, Duration timeout, HttpServer server) {
        this.functionArn = functionArn;
        this.functionName = functionArn.substring(functionArn.lastIndexOf(':') + 1);
        this.timeout = timeout;
        this.server = server;
        this.httpThreads = Executors.newCachedThreadPool(DaemonThreads.named("runtime-api-" + functionName));
        this.timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("runtime-timeout-" + functionName));
        server.setExecutor(httpThreads);
        server.createContext(PREFIX, this::route);
    }

    /**
     * Starts the Runtime API of one function.
     *
     * @param functionArn the ARN sent as {@code Lambda-Runtime-Invoked-Function-Arn}; its last part names the function
     * @param timeout the function's {@code Timeout}
     * @param port the port on 127.0.0.1, or 0 for an ephemeral one
     */
    public static LambdaRuntimeApi start(String functionArn, Duration timeout, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        LambdaRuntimeApi api = new LambdaRuntimeApi(functionArn, timeout, server);
        server.start();
        LOG.infof("Runtime API of function %s listening on %s", api.functionName, api.address());
        return api;
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the function's runtime: {@code 127.0.0.1:port}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The function's ARN. */
    public String functionArn() {
        return functionArn;
    }

    /**
     * Queues one invocation; it completes when the runtime answers, fails, or times out. Never completes
     * exceptionally: a stopped API answers with a {@code Runtime.Unavailable} function error.
     */
    public CompletionStage<InvocationResult> invoke(byte[] payload) {
        PendingInvocation invocation = new PendingInvocation(UUID.randomUUID().toString(), payload, traceId());
        synchronized (lock) {
            if (closed) {
                invocation.complete(unavailable(invocation));
            } else {
                queue.addLast(invocation);
                lock.notifyAll();
            }
        }
        return invocation.result;
    }

    /** Whether invocations wait for a runtime; a process manager starts a runtime on demand when they do. */
    public boolean hasQueuedInvocations() {
        synchronized (lock) {
            return !queue.isEmpty();
        }
    }

    /** Sets what stops the runtime process after a timeout; it runs on the timer thread, while dispatch is paused. */
    public void onTimeout(Runnable stopRuntime) {
        this.timeoutListener = stopRuntime;
    }

    /**
     * Tells the API that the runtime process is gone. In-flight invocations fail with {@code Runtime.ExitError}; so
     * does the first queued one if the process died before it ever polled (it could not start), so that a broken
     * function fails its callers instead of being restarted forever.
     *
     * @param reason what happened, quoted in the error message, e.g. {@code exit status 1}
     */
    public void runtimeStopped(String reason) {
        List<PendingInvocation> failed = new ArrayList<>();
        synchronized (lock) {
            generation++;
            paused = false;
            failed.addAll(inFlight.values());
            inFlight.clear();
            if (!polledSinceStart && !initErrorReported && !queue.isEmpty()) {
                failed.add(queue.pollFirst());
            }
            polledSinceStart = false;
            initErrorReported = false;
            lock.notifyAll();
        }
        failed.forEach(invocation -> invocation.complete(exitError(invocation, reason)));
    }

    /** Stops listening; queued and in-flight invocations end with a {@code Runtime.Unavailable} function error. */
    @Override
    public void close() {
        List<PendingInvocation> failed = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            failed.addAll(queue);
            failed.addAll(inFlight.values());
            queue.clear();
            inFlight.clear();
            lock.notifyAll();
        }
        failed.forEach(invocation -> invocation.complete(unavailable(invocation)));
        server.stop(0);
        httpThreads.shutdownNow();
        timers.shutdownNow();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String[] parts = path.split("/");
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError(exchange);
            } else if (method.equals("POST") && parts.length == 3 && parts[0].equals("invocation")
                    && parts[2].equals("response")) {
                response(exchange, parts[1]);
            } else if (method.equals("POST") && parts.length == 3 && parts[0].equals("invocation")
                    && parts[2].equals("error")) {
                error(exchange, parts[1]);
            } else {
                send(exchange, 404, errorDocument("InvalidRequest", "no such Runtime API call: " + method + " " + path));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        PendingInvocation invocation = awaitDispatch();
        if (invocation == null) {
            send(exchange, 410, errorDocument("Runtime.Stopped", "this runtime was stopped; no more invocations"));
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId);
        headers.set("Content-Type", "application/json");
        send(exchange, 200, invocation.payload);
    }

    /** Waits for a queued invocation while this poll's runtime is current; null when that runtime was stopped. */
    private PendingInvocation awaitDispatch() throws InterruptedException {
        synchronized (lock) {
            long pollGeneration = generation;
            polledSinceStart = true;
            while (!closed && pollGeneration == generation && (paused || queue.isEmpty())) {
                lock.wait();
            }
            if (closed || pollGeneration != generation) {
                return null;
            }
            PendingInvocation invocation = queue.pollFirst();
            dispatch(invocation);
            return invocation;
        }
    }

    private void dispatch(PendingInvocation invocation) {
        invocation.deadlineMs = System.currentTimeMillis() + timeout.toMillis();
        invocation.timer = timers.schedule(() -> expire(invocation), timeout.toMillis(), TimeUnit.MILLISECONDS);
        inFlight.put(invocation.requestId, invocation);
        LOG.debugf("function %s request %s handed to the runtime", functionName, invocation.requestId);
    }

    private void expire(PendingInvocation invocation) {
        synchronized (lock) {
            if (inFlight.remove(invocation.requestId) == null) {
                return;
            }
            paused = true;
        }
        LOG.warnf("function %s request %s timed out after %d ms; stopping its runtime", functionName,
                invocation.requestId, timeout.toMillis());
        invocation.complete(new InvocationResult.Timeout(invocation.requestId, timeout));
        timeoutListener.run();
    }

    private void response(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        PendingInvocation invocation = takeInFlight(requestId);
        if (invocation == null) {
            send(exchange, 400, errorDocument("InvalidRequestID", "no invocation in flight with id " + requestId));
            return;
        }
        send(exchange, 202, ACCEPTED);
        invocation.complete(body.length > MAX_RESPONSE_BYTES ? responseTooLarge(invocation, body.length)
                : new InvocationResult.Success(requestId, body));
    }

    private void error(HttpExchange exchange, String requestId) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        PendingInvocation invocation = takeInFlight(requestId);
        if (invocation == null) {
            send(exchange, 400, errorDocument("InvalidRequestID", "no invocation in flight with id " + requestId));
            return;
        }
        send(exchange, 202, ACCEPTED);
        invocation.complete(functionError(requestId, body, exchange.getRequestHeaders()
                .getFirst("Lambda-Runtime-Function-Error-Type")));
    }

    private void initError(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        PendingInvocation first;
        synchronized (lock) {
            initErrorReported = true;
            first = queue.pollFirst();
        }
        send(exchange, 202, ACCEPTED);
        InvocationResult.FunctionError failure = functionError(first == null ? "" : first.requestId, body,
                exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
        LOG.errorf("function %s failed to initialize: %s: %s", functionName, failure.errorType(), failure.errorMessage());
        if (first != null) {
            first.complete(failure);
        }
    }

    private PendingInvocation takeInFlight(String requestId) {
        synchronized (lock) {
            return inFlight.remove(requestId);
        }
    }

    private static InvocationResult.FunctionError functionError(String requestId, byte[] body, String typeHeader) {
        String type = typeHeader == null ? "Unhandled" : typeHeader;
        String message = "";
        try {
            JsonNode document = JSON.readTree(body);
            type = document.path("errorType").asText(type);
            message = document.path("errorMessage").asText("");
        } catch (IOException e) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        return new InvocationResult.FunctionError(requestId, type, message, body);
    }

    private static InvocationResult.FunctionError exitError(PendingInvocation invocation, String reason) {
        String message = "RequestId: " + invocation.requestId + " Error: Runtime exited with error: " + reason;
        return new InvocationResult.FunctionError(invocation.requestId, "Runtime.ExitError", message,
                errorDocument("Runtime.ExitError", message));
    }

    private InvocationResult.FunctionError unavailable(PendingInvocation invocation) {
        String message = "function " + functionName + " was stopped before request " + invocation.requestId + " ended";
        return new InvocationResult.FunctionError(invocation.requestId, "Runtime.Unavailable", message,
                errorDocument("Runtime.Unavailable", message));
    }

    private static InvocationResult.FunctionError responseTooLarge(PendingInvocation invocation, int size) {
        String message = "Response payload size (" + size + " bytes) exceeded maximum allowed payload size ("
                + MAX_RESPONSE_BYTES + " bytes).";
        return new InvocationResult.FunctionError(invocation.requestId, "Function.ResponseSizeTooLarge", message,
                errorDocument("Function.ResponseSizeTooLarge", message));
    }

    static byte[] errorDocument(String errorType, String errorMessage) {
        var document = JSON.createObjectNode()
                .put("errorMessage", errorMessage)
                .put("errorType", errorType);
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An X-Ray style trace header, {@code Root=1-<epoch seconds hex>-<96 random bits hex>;Sampled=0}. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%08x%016x;Sampled=0", System.currentTimeMillis() / 1000,
                random.nextInt(), random.nextLong());
    }

    private static byte[] readBody(InputStream body) throws IOException {
        return body.readAllBytes();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
