package dev.eventpipeline.bench.streamprocessor;

import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/** Counts {@code SendMessageBatch} requests and their entries, to measure how full the batches are. */
final class SendCounter implements ExecutionInterceptor {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
        if (context.request() instanceof SendMessageBatchRequest batch) {
            requests.incrementAndGet();
            entries.addAndGet(batch.entries().size());
        }
    }

    /** Requests and entries counted so far; counting starts again from zero. */
    long[] takeCounts() {
        return new long[] { requests.getAndSet(0), entries.getAndSet(0) };
    }
}
