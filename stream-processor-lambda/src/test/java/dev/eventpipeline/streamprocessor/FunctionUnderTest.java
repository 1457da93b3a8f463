package dev.eventpipeline.streamprocessor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.eventpipeline.localstack.lambda.InvocationResult;
import dev.eventpipeline.localstack.lambda.LambdaRuntimeApi;

/**
 * Invokes the function under test as Lambda does: the test serves the Lambda Runtime API (local-stack's, on 127.0.0.1)
 * and the function's own Quarkus poll loop takes each invocation from it and posts the answer back.
 */
final class FunctionUnderTest implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:stream-processor";

    private final LambdaRuntimeApi runtimeApi;

    private FunctionUnderTest(LambdaRuntimeApi runtimeApi) {
        this.runtimeApi = runtimeApi;
    }

    static FunctionUnderTest start() {
        try {
            return new FunctionUnderTest(LambdaRuntimeApi.start(FUNCTION_ARN, TIMEOUT, 0));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} gives it in Lambda. */
    String address() {
        return runtimeApi.address();
    }

    /**
     * Invokes the function with an event and waits for its answer.
     *
     * @throws IllegalStateException with the function's error when it failed the invocation
     */
    String invoke(String event) {
        InvocationResult result;
        try {
            result = runtimeApi.invoke(event.getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                    .get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the invocation did not answer: " + e.getMessage(), e);
        }
        if (result instanceof InvocationResult.Success success) {
            return success.payloadText();
        }
        if (result instanceof InvocationResult.FunctionError error) {
            throw new IllegalStateException(error.errorType() + ": " + error.errorMessage());
        }
        throw new IllegalStateException("the invocation timed out after " + TIMEOUT.toSeconds() + " s");
    }

    @Override
    public void close() {
        runtimeApi.close();
    }
}
