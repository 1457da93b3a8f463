package dev.eventpipeline.localstack.lambda;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One invocation between {@code invoke} and its result: queued, then handed to the runtime, then done. */
final class PendingInvocation {

    final String requestId;
    final byte[] payload;
    final String traceId;
    final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    long deadlineMs;
    ScheduledFuture<?> timer;

    PendingInvocation(String requestId, byte[] payload, String traceId) {
        this.requestId = requestId;
        this.payload = payload;
        this.traceId = traceId;
    }

    void complete(InvocationResult outcome) {
        if (timer != null) {
            timer.cancel(false);
        }
        result.complete(outcome);
    }
}
