package dev.eventpipeline.projection.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.InvalidEventException;
import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.projection.Outcome;
import dev.eventpipeline.projection.ProjectedBatch;
import dev.eventpipeline.projection.ProjectionConfig;
import dev.eventpipeline.projection.ProjectionMetrics;
import dev.eventpipeline.projection.store.ProjectionStore;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Receives one batch from the projection queue, projects it in one transaction and deletes from SQS only what the
 * commit made final.
 * <p>
 * A message that is not deleted comes back after the visibility timeout, and SQS FIFO delivers no later message of
 * its {@code MessageGroupId} until then. So a held gap or an undecodable message blocks its own stream only; the
 * queue's redrive policy moves it to the dead-letter queue after {@code maxReceiveCount} receives.
 */
@ApplicationScoped
public class MessageBatchHandler {

    /** SQS returns at most 10 messages per receive. */
    static final int MAX_MESSAGES = 10;
    /** Longer than any batch takes; past it the messages come back anyway and are ignored as duplicates. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(MessageBatchHandler.class);

    private final SqsClient sqs;
    private final ProjectionStore store;
    private final ProjectionMetrics metrics;
    private final String queueUrl;

    public MessageBatchHandler(SqsClient sqs, ProjectionStore store, ProjectionMetrics metrics, ProjectionConfig config) {
        this.sqs = sqs;
        this.store = store;
        this.metrics = metrics;
        this.queueUrl = config.queueUrl();
    }

    /**
     * Receives, projects and deletes one batch.
     *
     * @return how many messages were received
     */
    public int pollOnce(int waitTimeSeconds) {
        List<Message> messages = receive(waitTimeSeconds);
        if (!messages.isEmpty()) {
            delete(project(messages));
        }
        return messages.size();
    }

    /** Long-polls the queue for up to {@value #MAX_MESSAGES} messages. */
    public List<Message> receive(int waitTimeSeconds) {
        return sqs.receiveMessage(ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(MAX_MESSAGES)
                .waitTimeSeconds(waitTimeSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                // The older parameter as well: local SQS implementations may only know it.
                .attributeNames(QueueAttributeName.ALL)
                .build())
                .messages();
    }

    /**
     * Projects the messages in one transaction and commits it.
     *
     * @return the messages whose effect is committed (or that are duplicates): the ones to delete; empty when the
     *         transaction failed, in which case the failure is logged and every message comes back
     */
    public List<Message> project(List<Message> messages) {
        List<Delivery> deliveries = decode(messages);
        List<Delivery> applicable = deliveries.stream().filter(Delivery::applicable).toList();
        ProjectedBatch batch;
        try {
            batch = store.project(applicable.stream().map(Delivery::event).toList())
                    .await().atMost(TRANSACTION_TIMEOUT);
        } catch (RuntimeException e) {
            metrics.failedBatch();
            LOG.errorf(e, "Projection transaction failed; messages %s come back after the visibility timeout",
                    messageIds(messages));
            return List.of();
        }
        metrics.batch(messages.size(), batch);
        return settled(applicable, batch);
    }

    /**
     * Hands received messages back unprocessed, visible again at once, for a task that is stopping: another task (or
     * this one after its restart) receives them next, in their group's order, without waiting out the visibility
     * timeout. A failed release is harmless: the messages come back after the visibility timeout instead.
     */
    public void release(List<Message> messages) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .visibilityTimeout(0)
                    .build());
        }
        try {
            sqs.changeMessageVisibilityBatch(request -> request.queueUrl(queueUrl).entries(entries));
            LOG.infof("Stopping: released messages %s unprocessed", messageIds(messages));
        } catch (RuntimeException e) {
            LOG.infof("Stopping: messages %s come back after the visibility timeout (release failed: %s)",
                    messageIds(messages), e.getMessage());
        }
    }

    /** Deletes committed messages. A failed delete is harmless: the message comes back and is ignored as a duplicate. */
    public void delete(List<Message> done) {
        if (done.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(done.get(i).receiptHandle())
                    .build());
        }
        DeleteMessageBatchResponse response = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
        response.failed().forEach(failure -> LOG.warnf(
                "Delete of projected message %s failed (%s: %s); it will come back and be ignored as a duplicate",
                done.get(Integer.parseInt(failure.id())).messageId(), failure.code(), failure.message()));
    }

    private List<Delivery> decode(List<Message> messages) {
        List<Delivery> deliveries = new ArrayList<>(messages.size());
        Set<String> blockedGroups = new HashSet<>();
        for (Message message : messages) {
            Delivery delivery = decode(message, blockedGroups);
            deliveries.add(delivery);
        }
        return deliveries;
    }

    /** A message after an undecodable one of its group must wait too, or its stream would skip ahead. */
    private Delivery decode(Message message, Set<String> blockedGroups) {
        String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        if (group != null && blockedGroups.contains(group)) {
            LOG.debugf("Message %s waits behind a rejected message of group %s", message.messageId(), group);
            return new Delivery(message, null);
        }
        try {
            return new Delivery(message, EventMessage.read(message));
        } catch (InvalidEventException e) {
            rejected(message, e);
            if (group != null) {
                blockedGroups.add(group);
            }
            return new Delivery(message, null);
        }
    }

    private void rejected(Message message, InvalidEventException e) {
        metrics.rejected();
        if (firstReceive(message)) {
            LOG.errorf("Message %s of group %s is not a stored event and is left for the dead-letter queue: %s",
                    message.messageId(), message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                    e.getMessage());
        }
    }

    private List<Message> settled(List<Delivery> applicable, ProjectedBatch batch) {
        List<Message> done = new ArrayList<>();
        for (int i = 0; i < applicable.size(); i++) {
            Delivery delivery = applicable.get(i);
            Outcome outcome = batch.outcomes().get(i);
            if (outcome.done()) {
                done.add(delivery.message());
                metrics.projectedReceivedAt(delivery.event().receivedAt());
            } else {
                held(delivery);
            }
        }
        return done;
    }

    private void held(Delivery delivery) {
        StoredEvent event = delivery.event();
        if (firstReceive(delivery.message())) {
            LOG.warnf("Event %s of stream %s (sequence %d, message %s) is held: an earlier sequence has not been"
                    + " projected yet; it comes back after the visibility timeout and goes to the dead-letter queue"
                    + " if the gap persists", event.id(), event.subject(), event.sequence(),
                    delivery.message().messageId());
        } else {
            LOG.debugf("Event %s of stream %s (sequence %d) still held", event.id(), event.subject(), event.sequence());
        }
    }

    /** Logs a message's problem once, on its first receive, not on each redelivery. */
    private static boolean firstReceive(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return count == null || "1".equals(count);
    }

    private static List<String> messageIds(List<Message> messages) {
        return messages.stream().map(Message::messageId).toList();
    }

    /** A received message and the stored event it carries, or {@code null} when it must not be projected now. */
    private record Delivery(Message message, StoredEvent event) {

        boolean applicable() {
            return event != null;
        }
    }
}
