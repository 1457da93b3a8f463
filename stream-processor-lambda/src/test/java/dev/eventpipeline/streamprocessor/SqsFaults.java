package dev.eventpipeline.streamprocessor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.eventpipeline.model.EventMessage;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Makes ElasticMQ answer with a real SQS failure for a chosen event, once: the function's own SQS client carries this
 * interceptor in tests (see {@code application.properties}). Nothing is faked on the way back: the request is altered
 * so that ElasticMQ itself refuses it.
 * <ul>
 * <li>{@link #rejectEntryOnce}: the event's entry loses its deduplication id, so a 200 answer lists it under
 * {@code Failed} (SQS's per-entry failure) while the other entries are taken.</li>
 * <li>{@link #failRequestOnce}: the batch holding the event goes to a queue that does not exist, so the whole request
 * fails, as it does under throttling or an outage.</li>
 * </ul>
 */
public class SqsFaults implements ExecutionInterceptor {

    private static final Set<String> REJECTED_ENTRIES = ConcurrentHashMap.newKeySet();
    private static final Set<String> FAILED_REQUESTS = ConcurrentHashMap.newKeySet();

    static void rejectEntryOnce(String subject, long sequence) {
        REJECTED_ENTRIES.add(EventMessage.deduplicationId(subject, sequence));
    }

    static void failRequestOnce(String subject, long sequence) {
        FAILED_REQUESTS.add(EventMessage.deduplicationId(subject, sequence));
    }

    static void clear() {
        REJECTED_ENTRIES.clear();
        FAILED_REQUESTS.clear();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
        if (context.request() instanceof SendMessageBatchRequest batch) {
            return inject(batch);
        }
        return context.request();
    }

    private static SendMessageBatchRequest inject(SendMessageBatchRequest batch) {
        boolean failRequest = batch.entries().stream()
                .anyMatch(entry -> FAILED_REQUESTS.remove(entry.messageDeduplicationId()));
        if (failRequest) {
            return batch.toBuilder().queueUrl(batch.queueUrl() + "-unavailable").build();
        }
        return batch.toBuilder()
                .entries(batch.entries().stream().map(SqsFaults::rejectOnce).toList())
                .build();
    }

    private static SendMessageBatchRequestEntry rejectOnce(SendMessageBatchRequestEntry entry) {
        if (REJECTED_ENTRIES.remove(entry.messageDeduplicationId())) {
            return entry.toBuilder().messageDeduplicationId(null).build();
        }
        return entry;
    }
}
