package dev.eventpipeline.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.StoredEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Sends to and inspects the local queues the way the stream processor and an operator would. */
final class TestQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    TestQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Sends stored events in order, as the stream processor does. */
    void send(List<StoredEvent> events) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (StoredEvent stored : events) {
            entries.add(EventMessage.entry(Integer.toString(entries.size()), stored));
        }
        sendEntries(entries);
    }

    /** Sends entries in batches of 10, renumbering their ids per batch. */
    void sendEntries(List<SendMessageBatchRequestEntry> entries) {
        for (int start = 0; start < entries.size(); start += 10) {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (SendMessageBatchRequestEntry entry : entries.subList(start, Math.min(entries.size(), start + 10))) {
                batch.add(entry.toBuilder().id(Integer.toString(batch.size())).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(batch));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused test messages: " + response.failed());
            }
        }
    }

    /** Sends a body that is not a stored event. */
    void sendRaw(String body, String groupId, String deduplicationId) {
        sqs.sendMessage(request -> request.queueUrl(queueUrl)
                .messageBody(body)
                .messageGroupId(groupId)
                .messageDeduplicationId(deduplicationId));
    }

    /** Receives without deleting: what is visible now. */
    List<Message> receive() {
        return sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
    }

    /** Messages waiting plus in flight. */
    long backlog() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
