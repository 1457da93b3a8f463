package dev.eventpipeline.lambda.runtime;

/**
 * One event the Runtime API handed out on {@code GET /runtime/invocation/next}, with the headers the handler's
 * {@code Context} is built from.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}
 * @param deadlineMs {@code Lambda-Runtime-Deadline-Ms}: epoch milliseconds after which the platform stops the function
 * @param invokedFunctionArn {@code Lambda-Runtime-Invoked-Function-Arn}
 * @param traceId {@code Lambda-Runtime-Trace-Id}, or null
 * @param payload the event bytes, passed to the handler unchanged
 */
public record Invocation(String requestId, long deadlineMs, String invokedFunctionArn, String traceId, byte[] payload) {
}
