package dev.eventpipeline.localstack.lambda;

import java.util.concurrent.CompletionStage;

/**
 * Lambda's synchronous {@code Invoke} of one function; {@link LocalFunction#invoke(byte[])} is one. The HTTP API front
 * and the event source mapping call functions only through it.
 */
@FunctionalInterface
public interface FunctionInvoker {

    /** Invokes the function with the event; the stage never completes exceptionally. */
    CompletionStage<InvocationResult> invoke(byte[] payload);
}
