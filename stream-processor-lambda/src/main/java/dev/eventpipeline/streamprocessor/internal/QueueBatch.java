package dev.eventpipeline.streamprocessor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventpipeline.model.EventLimits;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The messages of one {@code SendMessageBatch} request to one queue, kept within SQS's limits.
 */
public final class QueueBatch {

    /** SQS takes at most ten entries per {@code SendMessageBatch}. */
    public static final int MAX_ENTRIES = 10;

    /**
     * The most bytes per {@code SendMessageBatch}, counted as SQS counts them (UTF-8 bodies and attributes). 256 KiB
     * is the limit of queues with the default maximum message size; it is also the largest event the pipeline takes.
     */
    public static final int MAX_BYTES = EventLimits.MAX_EVENT_BYTES;

    private final String queueUrl;
    private final Map<String, QueuedMessage> messages = new LinkedHashMap<>();
    private int bytes;

    QueueBatch(String queueUrl) {
        this.queueUrl = queueUrl;
    }

    boolean fits(QueuedMessage message) {
        return messages.size() < MAX_ENTRIES && bytes + message.sizeBytes() <= MAX_BYTES;
    }

    void add(QueuedMessage message) {
        messages.put(message.entry().id(), message);
        bytes += message.sizeBytes();
    }

    int size() {
        return messages.size();
    }

    /**
     * Sends the batch. A request SQS refuses as a whole (an unknown queue, throttling after the SDK's own retries, no
     * connection) fails every message; a 200 answer fails the entries it lists under {@code Failed}.
     *
     * @return the messages SQS did not take
     */
    List<SendFailure> send(SqsClient sqs) {
        try {
            SendMessageBatchResponse response = sqs.sendMessageBatch(request -> request
                    .queueUrl(queueUrl)
                    .entries(entries()));
            return failedEntries(response);
        } catch (SdkException e) {
            return failedRequest(e);
        }
    }

    private List<SendMessageBatchRequestEntry> entries() {
        return messages.values().stream().map(QueuedMessage::entry).toList();
    }

    private List<SendFailure> failedEntries(SendMessageBatchResponse response) {
        List<SendFailure> failures = new ArrayList<>();
        for (BatchResultErrorEntry failed : response.failed()) {
            failures.add(new SendFailure(messages.get(failed.id()), failed.code(), failed.message()));
        }
        return failures;
    }

    private List<SendFailure> failedRequest(SdkException e) {
        String errorCode = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorCode()
                : e.getClass().getSimpleName();
        return messages.values().stream()
                .map(message -> new SendFailure(message, errorCode, e.getMessage()))
                .toList();
    }
}
