package dev.eventpipeline.streamprocessor;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.eventpipeline.model.EventItem;
import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.streamprocessor.internal.QueueBatch;
import dev.eventpipeline.streamprocessor.internal.QueuedMessage;
import dev.eventpipeline.streamprocessor.internal.SendFailure;
import dev.eventpipeline.streamprocessor.internal.SendRound;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Sends the events of a batch of stream records to their SQS FIFO queues, in the order of the shard.
 * <ul>
 * <li>Each INSERT becomes one message per queue of its {@link Routing}, in the form of {@link EventMessage}. MODIFY
 * and REMOVE records are counted and skipped: events are immutable, and removals are TTL expiries.</li>
 * <li>Messages go out with {@code SendMessageBatch}, at most {@value QueueBatch#MAX_ENTRIES} entries and
 * {@value QueueBatch#MAX_BYTES} bytes per request, records taken in order.</li>
 * <li>At the first record not fully sent, forwarding stops: nothing after it is sent in this invocation, and its
 * sequence number is the result, so Lambda retries from it and each queue gets every subject's events in order.
 * Messages that did reach a queue before the failure come again with the retry; their deduplication ids make SQS drop
 * them within its five-minute window, and the projection is idempotent beyond it.</li>
 * </ul>
 * Known limit: when SQS fails one entry of a batch but takes a later entry of the same message group in that same
 * batch (it does not say whether it can), the later event is on the queue before the retried one.
 */
@Singleton
public class StreamForwarder {

    private static final Logger LOG = Logger.getLogger(StreamForwarder.class);

    private final SqsClient sqs;
    private final Routing routing;

    @Inject
    public StreamForwarder(SqsClient sqs, StreamProcessorConfig config) {
        this(sqs, Routing.of(config));
    }

    public StreamForwarder(SqsClient sqs, Routing routing) {
        this.sqs = sqs;
        this.routing = routing;
    }

    /** Forwards the records of one invocation, in order, until the first that cannot be fully sent. */
    public ForwardResult forward(List<StreamRecord> records) {
        Invocation invocation = new Invocation(records);
        for (int index = 0; index < records.size() && !invocation.failed(); index++) {
            invocation.forward(index);
        }
        invocation.finish();
        ForwardResult result = invocation.result();
        LOG.infof("Stream batch forwarded: records=%d sent=%d skipped=%d sendMessageBatchCalls=%d"
                + " firstFailedSequenceNumber=%s", result.records(), result.messagesSent(), result.skipped(),
                result.sendMessageBatchCalls(), result.firstFailedSequenceNumber());
        return result;
    }

    /** The messages of one INSERT record: the same entry for each queue of its route. */
    List<QueuedMessage> messages(int index, StreamRecord record) {
        StoredEvent event = storedEvent(record);
        SendMessageBatchRequestEntry entry = EventMessage.entry("record-" + index, event);
        int sizeBytes = sized(entry, event);
        List<QueuedMessage> messages = new ArrayList<>();
        for (String queueUrl : routing.queueUrls(event.event().type())) {
            messages.add(new QueuedMessage(index, queueUrl, event, entry, sizeBytes));
        }
        return messages;
    }

    private static StoredEvent storedEvent(StreamRecord record) {
        try {
            return EventItem.fromItem(record.newItem());
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new UnsendableRecordException("the new image is not an event item: " + e.getMessage(), e);
        }
    }

    private static int sized(SendMessageBatchRequestEntry entry, StoredEvent event) {
        int sizeBytes = EventMessage.sizeBytes(entry);
        if (sizeBytes > QueueBatch.MAX_BYTES) {
            throw new UnsendableRecordException("the SQS message of event id=" + event.id() + " is " + sizeBytes
                    + " bytes, over the " + QueueBatch.MAX_BYTES + " bytes SQS takes per request");
        }
        return sizeBytes;
    }

    /** The state of one invocation: the round being filled, the counts, the first failed record. */
    private final class Invocation {

        private final List<StreamRecord> records;
        private final SendRound round = new SendRound();
        private int skipped;
        private int messagesSent;
        private int sendMessageBatchCalls;
        private int firstFailed = -1;

        Invocation(List<StreamRecord> records) {
            this.records = records;
        }

        boolean failed() {
            return firstFailed >= 0;
        }

        void forward(int index) {
            StreamRecord record = records.get(index);
            if (!record.isInsert()) {
                skip(record);
                return;
            }
            List<QueuedMessage> messages;
            try {
                messages = messages(index, record);
            } catch (UnsendableRecordException e) {
                refuse(index, record, e);
                return;
            }
            if (!round.fits(messages)) {
                send();
            }
            if (!failed()) {
                round.add(messages);
            }
        }

        void finish() {
            if (!failed()) {
                send();
            }
        }

        ForwardResult result() {
            return new ForwardResult(records.size(), skipped, messagesSent, sendMessageBatchCalls,
                    failed() ? records.get(firstFailed).sequenceNumber() : null);
        }

        private void skip(StreamRecord record) {
            skipped++;
            LOG.debugf("Stream record skipped: eventName=%s eventID=%s sequenceNumber=%s", record.eventName(),
                    record.eventId(), record.sequenceNumber());
        }

        private void refuse(int index, StreamRecord record, UnsendableRecordException e) {
            LOG.errorf("Stream record cannot be sent: eventID=%s sequenceNumber=%s reason=%s", record.eventId(),
                    record.sequenceNumber(), e.getMessage());
            send();
            failAt(index);
        }

        private void send() {
            if (round.isEmpty()) {
                return;
            }
            SendRound.Result result = round.send(sqs);
            sendMessageBatchCalls += result.sendMessageBatchCalls();
            messagesSent += result.messagesSent();
            result.failures().forEach(this::fail);
        }

        private void fail(SendFailure failure) {
            QueuedMessage message = failure.message();
            LOG.errorf("Event not sent to SQS: eventId=%s subject=%s sequence=%d sequenceNumber=%s queueUrl=%s"
                    + " errorCode=%s reason=%s", message.event().id(), message.event().subject(),
                    message.event().sequence(), records.get(message.recordIndex()).sequenceNumber(),
                    message.queueUrl(), failure.errorCode(), failure.reason());
            failAt(message.recordIndex());
        }

        private void failAt(int index) {
            firstFailed = failed() ? Math.min(firstFailed, index) : index;
        }
    }
}
