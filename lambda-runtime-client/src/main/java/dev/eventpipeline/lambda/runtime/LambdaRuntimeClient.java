package dev.eventpipeline.lambda.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The main class of a local Java function process: reads the reserved environment ({@code AWS_LAMBDA_RUNTIME_API},
 * {@code _HANDLER}, ...), loads the handler once, then loops next invocation, handler, response or error, as AWS's
 * managed Java runtime does for a {@code RequestStreamHandler}.
 * <p>
 * It stands in for {@code com.amazonaws:aws-lambda-java-runtime-interface-client}, whose native part crashed against
 * the minimal local Runtime API; it calls the handler entry point the same way, so no code path of a function exists
 * only for the local run. A handler that cannot be loaded is reported on {@code /runtime/init/error} and the process
 * exits with status 1, as on AWS; so does a {@link VirtualMachineError} thrown by the handler, after its report.
 */
public final class LambdaRuntimeClient {

    private final RuntimeApiClient runtimeApi;
    private final FunctionSettings function;
    private final StdoutLambdaLogger logger = new StdoutLambdaLogger(System.out);

    LambdaRuntimeClient(FunctionSettings function) {
        this.function = function;
        this.runtimeApi = new RuntimeApiClient(function.runtimeApi());
    }

    /** Runs the function until the platform stops the process. */
    public static void main(String[] args) throws IOException, InterruptedException {
        exitWithParent();
        FunctionSettings function = FunctionSettings.fromEnvironment(System.getenv());
        new LambdaRuntimeClient(function).run();
    }

    /**
     * Ends this runtime when the process that started it is gone. The local platform stops its runtimes itself, but
     * when it is killed outright ({@code kill -9}, out of memory) nothing else would: the runtime would keep polling
     * a Runtime API that no longer answers, and hold its memory.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("the process that started this runtime (pid " + parent.pid() + ") is gone; exiting");
            Runtime.getRuntime().halt(1);
        }));
    }

    void run() throws IOException, InterruptedException {
        StreamHandler handler = init();
        while (true) {
            invoke(handler, runtimeApi.next());
        }
    }

    private StreamHandler init() throws IOException, InterruptedException {
        try {
            return StreamHandler.load(function.handler());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.err.println("init error: handler " + function.handler() + " could not be loaded");
            e.printStackTrace();
            runtimeApi.reportInitError(e);
            System.exit(1);
            throw new IllegalStateException("unreachable: the process has exited", e);
        }
    }

    private void invoke(StreamHandler handler, Invocation invocation) throws IOException, InterruptedException {
        setTraceHeader(invocation);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handle(new ByteArrayInputStream(invocation.payload()), output,
                    new InvocationContext(invocation, function, logger));
        } catch (Throwable failure) {
            reportFailure(invocation, failure);
            return;
        }
        runtimeApi.respond(invocation.requestId(), output.toByteArray());
    }

    private void reportFailure(Invocation invocation, Throwable failure) throws IOException, InterruptedException {
        System.err.println("request " + invocation.requestId() + " failed:");
        failure.printStackTrace();
        runtimeApi.reportInvocationError(invocation.requestId(), failure);
        if (failure instanceof VirtualMachineError) {
            System.exit(1);
        }
    }

    /** The managed runtime exposes the X-Ray trace header to the AWS SDK through this system property. */
    private static void setTraceHeader(Invocation invocation) {
        if (invocation.traceId() == null) {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        } else {
            System.setProperty("com.amazonaws.xray.traceHeader", invocation.traceId());
        }
    }
}
