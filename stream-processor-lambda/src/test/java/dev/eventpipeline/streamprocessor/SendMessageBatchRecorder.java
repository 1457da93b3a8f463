package dev.eventpipeline.streamprocessor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/**
 * Notes the number of entries of every {@code SendMessageBatch} request the function's SQS client makes (see
 * {@code application.properties}), so that tests can see how the function packed its batches.
 */
public class SendMessageBatchRecorder implements ExecutionInterceptor {

    private static final List<Integer> ENTRIES_PER_REQUEST = new CopyOnWriteArrayList<>();

    /** The entries of each request since the last call, in the order sent. */
    static List<Integer> takeEntriesPerRequest() {
        List<Integer> taken = List.copyOf(ENTRIES_PER_REQUEST);
        ENTRIES_PER_REQUEST.clear();
        return taken;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        if (context.request() instanceof SendMessageBatchRequest batch) {
            ENTRIES_PER_REQUEST.add(batch.entries().size());
        }
    }
}
