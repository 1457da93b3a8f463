package dev.eventpipeline.streamprocessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.StoredEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Takes everything off a FIFO queue, as a consumer would: receive, delete, until a receive comes back empty. ElasticMQ
 * stores a message before answering the send, and the deletes leave no group in flight, so an empty receive means an
 * empty queue.
 */
final class QueueReader {

    private final SqsClient sqs;

    QueueReader(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** The messages in the order the queue handed them out. */
    List<Message> drain(String queueUrl) {
        List<Message> drained = new ArrayList<>();
        List<Message> received = receive(queueUrl);
        while (!received.isEmpty()) {
            drained.addAll(received);
            received.forEach(message -> sqs.deleteMessage(request -> request
                    .queueUrl(queueUrl)
                    .receiptHandle(message.receiptHandle())));
            received = receive(queueUrl);
        }
        return drained;
    }

    /** The stored events on the queue, per subject in the order the queue handed them out. */
    Map<String, List<Long>> sequencesBySubject(String queueUrl) {
        return drain(queueUrl).stream()
                .map(EventMessage::read)
                .collect(Collectors.groupingBy(StoredEvent::subject,
                        Collectors.mapping(StoredEvent::sequence, Collectors.toList())));
    }

    private List<Message> receive(String queueUrl) {
        return sqs.receiveMessage(request -> request
                .queueUrl(queueUrl)
                .maxNumberOfMessages(10)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                        MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .messages();
    }
}
