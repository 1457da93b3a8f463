package dev.eventpipeline.localstack.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How one invocation of a function ended, as Lambda's {@code Invoke} tells it: the response payload, a function error
 * (the {@code X-Amz-Function-Error} case), or a timeout.
 */
public sealed interface InvocationResult {

    /** The request id the Runtime API gave the invocation ({@code Lambda-Runtime-Aws-Request-Id}). */
    String requestId();

    /**
     * The handler returned.
     *
     * @param payload the bytes the runtime posted to {@code /invocation/{id}/response}
     */
    record Success(String requestId, byte[] payload) implements InvocationResult {

        /** The payload as UTF-8 text. */
        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /**
     * The handler threw, the runtime failed to start, or the runtime process exited during the invocation.
     *
     * @param errorType the error document's {@code errorType}, e.g. {@code java.lang.IllegalStateException} or
     *        {@code Runtime.ExitError}
     * @param errorMessage the error document's {@code errorMessage}
     * @param payload the whole error document, as {@code Invoke} returns it
     */
    record FunctionError(String requestId, String errorType, String errorMessage, byte[] payload)
            implements
                InvocationResult {
    }

    /**
     * The handler did not answer before the function's timeout; the platform stopped its runtime process.
     *
     * @param timeout the function's configured timeout
     */
    record Timeout(String requestId, Duration timeout) implements InvocationResult {
    }
}
