package dev.eventpipeline.streamprocessor.internal;

import dev.eventpipeline.model.StoredEvent;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * One SQS message waiting to be sent: an event bound for one queue.
 *
 * @param recordIndex the position of its stream record in the invocation
 * @param queueUrl the queue it goes to
 * @param event the stored event it carries
 * @param entry the send-batch entry; its {@code Id} is unique within the invocation's sends to that queue
 * @param sizeBytes what SQS counts for it against the batch limit
 */
public record QueuedMessage(int recordIndex, String queueUrl, StoredEvent event, SendMessageBatchRequestEntry entry,
        int sizeBytes) {
}
