package dev.eventpipeline.localstack.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.eventpipeline.lambda.runtime.LambdaRuntimeClient;

/**
 * One Java function running from its deployment package in its own {@code java} process, against its own
 * {@link LambdaRuntimeApi}, as the managed Java runtime runs it: classpath task root, {@code lib/*} and the runtime
 * client; the reserved environment variables ({@code AWS_LAMBDA_RUNTIME_API}, {@code _HANDLER},
 * {@code AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, {@code AWS_REGION}, ...) over the
 * function's own; the heap limited from {@code MemorySize}.
 * <p>
 * One process serves one invocation at a time (reserved concurrency 1); further invocations wait in order. A process
 * that times out is killed, one that crashes is reported as {@code Runtime.ExitError}; either way the next process
 * starts when an invocation waits for it. Every line the process writes reaches the log sink prefixed with
 * {@code [<function name>]}. {@link #close()}, or the JVM's shutdown, kills the process.
 */
public final class LocalFunction implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalFunction.class);
    private static final long STOP_WAIT_SECONDS = 10;

    private final FunctionConfig config;
    private final Path taskRoot;
    private final Consumer<String> logSink;
    private final LambdaRuntimeApi runtimeApi;
    private final Thread shutdownHook = new Thread(this::killRuntime, "stop-function");
    private Process runtime;
    private boolean timedOut;
    private boolean closed;

    private LocalFunction(FunctionConfig config, Path taskRoot, Consumer<String> logSink, LambdaRuntimeApi runtimeApi) {
        this.config = config;
        this.taskRoot = taskRoot;
        this.logSink = logSink;
        this.runtimeApi = runtimeApi;
    }

    /**
     * Unpacks the function into {@code <workDir>/<name>/task}, starts its Runtime API on an ephemeral port and its
     * runtime process.
     *
     * @param logSink receives every line the function writes, prefixed; called from the process's reader threads
     */
    public static LocalFunction start(FunctionConfig config, Path workDir, Consumer<String> logSink) throws IOException {
        Path taskRoot = workDir.resolve(config.name()).resolve("task").toAbsolutePath();
        FunctionPackage.unpack(config.codeZip(), taskRoot);
        LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start(config.functionArn(), config.timeout(), 0);
        LocalFunction function = new LocalFunction(config, taskRoot, logSink, runtimeApi);
        runtimeApi.onTimeout(function::stopAfterTimeout);
        Runtime.getRuntime().addShutdownHook(function.shutdownHook);
        function.startRuntime();
        return function;
    }

    /** The function's name. */
    public String name() {
        return config.name();
    }

    /** The function's ARN, as the Runtime API hands it to the handler. */
    public String functionArn() {
        return config.functionArn();
    }

    /** Invokes the function synchronously ({@code RequestResponse}); see {@link LambdaRuntimeApi#invoke(byte[])}. */
    public CompletionStage<InvocationResult> invoke(byte[] payload) {
        CompletionStage<InvocationResult> result = runtimeApi.invoke(payload);
        restartRuntime();
        return result;
    }

    /** Stops the runtime process, waiting for it to be gone, and the Runtime API. */
    @Override
    public void close() {
        Process stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = runtime;
        }
        killRuntime();
        awaitExit(stopping);
        runtimeApi.close();
        removeShutdownHook();
        LOG.infof("function %s stopped", config.name());
    }

    private synchronized void startRuntime() {
        if (closed || runtime != null) {
            return;
        }
        try {
            runtime = processBuilder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the runtime process of function " + config.name(), e);
        }
        timedOut = false;
        Process started = runtime;
        pipe(started.getInputStream(), "stdout");
        pipe(started.getErrorStream(), "stderr");
        started.onExit().thenRun(() -> runtimeExited(started));
        LOG.infof("function %s runtime started, pid %d, Runtime API %s", config.name(), started.pid(),
                runtimeApi.address());
    }

    private ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.directory(taskRoot.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(config.environment());
        environment.putAll(reservedEnvironment());
        return builder;
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + (config.memorySizeMb() * 85 / 100) + "m");
        command.add("-cp");
        command.add(FunctionPackage.classpath(taskRoot));
        command.add(LambdaRuntimeClient.class.getName());
        return command;
    }

    /** The variables Lambda reserves; they override the function's own, as Lambda does not let those be set. */
    private Map<String, String> reservedEnvironment() {
        return Map.ofEntries(
                Map.entry("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin")),
                Map.entry("LANG", "en_US.UTF-8"),
                Map.entry("TZ", ":UTC"),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java17"),
                Map.entry("AWS_REGION", config.region()),
                Map.entry("AWS_DEFAULT_REGION", config.region()),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", config.name()),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memorySizeMb())),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.name()),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + config.name()),
                Map.entry("AWS_LAMBDA_RUNTIME_API", runtimeApi.address()),
                Map.entry("_HANDLER", config.handler()));
    }

    private void pipe(InputStream output, String stream) {
        Thread reader = new Thread(() -> forwardLines(output), config.name() + "-" + stream);
        reader.setDaemon(true);
        reader.start();
    }

    private void forwardLines(InputStream output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                logSink.accept("[" + config.name() + "] " + line);
            }
        } catch (IOException e) {
            // The pipe closes when the process is killed; its exit is reported by runtimeExited.
            LOG.debugf("function %s output closed: %s", config.name(), e.getMessage());
        }
    }

    private void stopAfterTimeout() {
        synchronized (this) {
            timedOut = true;
        }
        killRuntime();
    }

    private void runtimeExited(Process exited) {
        String reason;
        synchronized (this) {
            reason = timedOut ? "stopped after the " + config.timeout().toMillis() + " ms timeout"
                    : "exit status " + exited.exitValue();
            if (!closed) {
                LOG.infof("function %s runtime pid %d ended: %s", config.name(), exited.pid(), reason);
            }
        }
        // The Runtime API must drop the dead process's polls before a new process may poll.
        runtimeApi.runtimeStopped(reason);
        boolean restart;
        synchronized (this) {
            runtime = null;
            restart = !closed && runtimeApi.hasQueuedInvocations();
        }
        if (restart) {
            restartRuntime();
        }
    }

    /** Starts a runtime on demand; one that cannot start fails the invocation waiting for it instead of hanging it. */
    private void restartRuntime() {
        try {
            startRuntime();
        } catch (UncheckedIOException e) {
            LOG.errorf(e, "function %s: cannot start its runtime process", config.name());
            runtimeApi.runtimeStopped("cannot start the runtime process: " + e.getCause().getMessage());
        }
    }

    private void killRuntime() {
        Process current;
        synchronized (this) {
            current = runtime;
        }
        if (current != null) {
            current.descendants().forEach(ProcessHandle::destroyForcibly);
            current.destroyForcibly();
        }
    }

    private void awaitExit(Process process) {
        if (process == null) {
            return;
        }
        try {
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.errorf("function %s runtime pid %d did not stop within %d s", config.name(), process.pid(),
                        STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook itself is what is running now.
            LOG.debugf("function %s stopped during JVM shutdown", config.name());
        }
    }
}
