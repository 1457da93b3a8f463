package dev.eventpipeline.streamprocessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.model.EventItem;
import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.EventTables;
import dev.eventpipeline.model.StoredEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The function invoked through the Lambda Runtime API with DynamoDB Streams events as Lambda sends them, sending to
 * ElasticMQ.
 */
@QuarkusTest
@WithTestResource(StreamProcessorTestResources.class)
class StreamProcessorHandlerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @InjectFunctionUnderTest
    FunctionUnderTest lambda;

    @Inject
    SqsClient sqs;

    @ConfigProperty(name = "stream-processor.projection-queue-url")
    String projectionQueueUrl;

    private QueueReader queues;
    private String fanoutQueueUrl;

    @BeforeEach
    void emptyQueues() {
        SqsFaults.clear();
        queues = new QueueReader(sqs);
        fanoutQueueUrl = projectionQueueUrl.replace(LocalQueues.PROJECTION_QUEUE, LocalQueues.FANOUT_QUEUE);
        queues.drain(projectionQueueUrl);
        queues.drain(fanoutQueueUrl);
    }

    @Test
    void handleRequest_sendsEventIntact_whenNewImageHoldsEveryAttributeType() {
        // GIVEN a record whose item carries every DynamoDB type and data with a number beyond double precision
        String event = StreamEvents.fixture("insert-all-attribute-types.json");

        // WHEN
        String response = lambda.invoke(event);

        // THEN
        assertThat(failedSequenceNumbers(response)).isEmpty();
        List<Message> messages = queues.drain(projectionQueueUrl);
        assertThat(messages).hasSize(1);
        Message message = messages.get(0);
        StoredEvent stored = EventMessage.read(message);
        assertThat(stored.event().data())
                .isEqualTo("{\"big\":9007199254740993,\"precise\":0.1000000000000000055511151231257827,"
                        + "\"nothing\":null,\"nested\":[1,{\"deep\":\"värde ✓\"}],\"emoji\":\"🚀\"}");
        assertThat(stored.id()).isEqualTo("evt-all-types-1");
        assertThat(stored.sequence()).isEqualTo(1);
        assertThat(message.attributes())
                .containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "repos/fixtures/all-attribute-types")
                .containsEntry(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
                        EventMessage.deduplicationId("repos/fixtures/all-attribute-types", 1));
        assertThat(message.messageAttributes().get(EventMessage.TYPE_ATTRIBUTE).stringValue()).isEqualTo("PushEvent");
        assertThat(message.messageAttributes().get(EventMessage.SEQUENCE_ATTRIBUTE).stringValue()).isEqualTo("1");
    }

    @Test
    void handleRequest_skipsModifyAndRemove_whenBatchMixesEventNames() {
        // GIVEN INSERT, MODIFY, INSERT, REMOVE (TTL), INSERT of one subject
        String event = StreamEvents.fixture("insert-modify-remove.json");

        // WHEN
        String response = lambda.invoke(event);

        // THEN only the three INSERTs became messages, and nothing failed
        assertThat(failedSequenceNumbers(response)).isEmpty();
        assertThat(queues.sequencesBySubject(projectionQueueUrl))
                .containsExactly(Map.entry("repos/fixtures/lifecycle", List.of(1L, 2L, 3L)));
    }

    @Test
    void handleRequest_keepsOrderPerSubject_whenBatchFailsAndIsRetried() {
        // GIVEN two subjects interleaved over two batches, the second failing once at a request SQS refuses
        String alpha = subject();
        String beta = subject();
        List<ObjectNode> records = interleave(alpha, beta, 15);
        List<ObjectNode> firstBatch = records.subList(0, 12);
        List<ObjectNode> secondBatch = records.subList(12, 30);
        SqsFaults.failRequestOnce(alpha, 10);

        // WHEN the batches run as Lambda runs them: the second again from the sequence number it reported
        String firstResponse = lambda.invoke(StreamEvents.event(firstBatch));
        String secondResponse = lambda.invoke(StreamEvents.event(secondBatch));
        int retryFrom = indexOf(secondBatch, failedSequenceNumbers(secondResponse));
        String retryResponse = lambda.invoke(StreamEvents.event(secondBatch.subList(retryFrom, secondBatch.size())));

        // THEN the refused request (alpha and beta 7 to 11) failed from its first record, alpha 7, and each subject
        // arrived once, in order
        assertThat(failedSequenceNumbers(firstResponse)).isEmpty();
        assertThat(retryFrom).isZero();
        assertThat(failedSequenceNumbers(retryResponse)).isEmpty();
        assertThat(queues.sequencesBySubject(projectionQueueUrl))
                .containsOnly(Map.entry(alpha, sequences(15)), Map.entry(beta, sequences(15)));
    }

    @Test
    void handleRequest_sendsToEveryMatchingQueue_whenTypeHasFanoutRoute() {
        // GIVEN events of a type routed to the fan-out queue among events of a type that is not
        String subject = subject();
        List<ObjectNode> records = new ArrayList<>();
        for (long sequence = 1; sequence <= 6; sequence++) {
            String type = sequence % 2 == 0 ? "FanoutPushEvent" : "WatchEvent";
            records.add(StreamEvents.insert(StreamEvents.stored(subject, sequence, type, "{\"n\":" + sequence + "}")));
        }

        // WHEN
        String response = lambda.invoke(StreamEvents.event(records));

        // THEN
        assertThat(failedSequenceNumbers(response)).isEmpty();
        assertThat(queues.sequencesBySubject(projectionQueueUrl)).containsExactly(Map.entry(subject, sequences(6)));
        assertThat(queues.sequencesBySubject(fanoutQueueUrl)).containsExactly(Map.entry(subject, List.of(2L, 4L, 6L)));
    }

    @Test
    void handleRequest_sendsNoSecondMessage_whenSameBatchIsRetried() {
        // GIVEN a batch that was already sent in full, as when Lambda retries after a timeout
        String subject = subject();
        String event = StreamEvents.event(inserts(subject, 1, 8, "PushEvent"));
        lambda.invoke(event);

        // WHEN
        String response = lambda.invoke(event);

        // THEN SQS dropped the repeats by their deduplication ids
        assertThat(failedSequenceNumbers(response)).isEmpty();
        assertThat(queues.sequencesBySubject(projectionQueueUrl)).containsExactly(Map.entry(subject, sequences(8)));
    }

    @Test
    void handleRequest_reportsRecordAndSendsNothingAfterIt_whenRouteQueueDoesNotExist() {
        // GIVEN twelve records; the third is also routed to a queue that does not exist
        String subject = subject();
        List<ObjectNode> records = inserts(subject, 1, 12, "PushEvent");
        records.set(2, StreamEvents.insert(StreamEvents.stored(subject, 3, "MissingQueueEvent", "{}")));

        // WHEN
        String response = lambda.invoke(StreamEvents.event(records));

        // THEN the third record is reported; the send that failed held records 1-10, and 11 and 12 were held back
        assertThat(failedSequenceNumbers(response)).containsExactly(StreamEvents.sequenceNumber(records.get(2)));
        assertThat(queues.sequencesBySubject(projectionQueueUrl)).containsExactly(Map.entry(subject, sequences(10)));
    }

    @Test
    void handleRequest_reportsOversizedRecord_whenMessageExceedsSqsLimit() {
        // GIVEN six records; the fourth's message is over 256 KiB (an item written past ingest's size check)
        String subject = subject();
        List<ObjectNode> records = inserts(subject, 1, 6, "PushEvent");
        String oversized = "{\"blob\":\"" + "x".repeat(270_000) + "\"}";
        records.set(3, StreamEvents.insert(StreamEvents.stored(subject, 4, "PushEvent", oversized)));

        // WHEN
        String response = lambda.invoke(StreamEvents.event(records));

        // THEN
        assertThat(failedSequenceNumbers(response)).containsExactly(StreamEvents.sequenceNumber(records.get(3)));
        assertThat(queues.sequencesBySubject(projectionQueueUrl)).containsExactly(Map.entry(subject, sequences(3)));
    }

    @Test
    void handleRequest_reportsRejectedEntry_whenSqsAnswers200WithFailedEntry() {
        // GIVEN five subjects, one event each; SQS will list the third entry under Failed once
        List<String> subjects = List.of(subject(), subject(), subject(), subject(), subject());
        List<ObjectNode> records = subjects.stream()
                .map(subject -> StreamEvents.insert(StreamEvents.stored(subject, 1, "PushEvent", "{}")))
                .toList();
        SqsFaults.rejectEntryOnce(subjects.get(2), 1);

        // WHEN the batch runs, then Lambda retries from the reported record
        String response = lambda.invoke(StreamEvents.event(records));
        String retryResponse = lambda.invoke(StreamEvents.event(records.subList(2, 5)));

        // THEN the third was reported, and in the end every event is on the queue once
        assertThat(failedSequenceNumbers(response)).containsExactly(StreamEvents.sequenceNumber(records.get(2)));
        assertThat(failedSequenceNumbers(retryResponse)).isEmpty();
        assertThat(queues.sequencesBySubject(projectionQueueUrl))
                .containsOnlyKeys(subjects)
                .allSatisfy((subject, sequences) -> assertThat(sequences).containsExactly(1L));
    }

    @Test
    void handleRequest_reportsRecord_whenNewImageIsNotEventItem() {
        // GIVEN three records; the second's item lacks the event's id, as an item written by hand would
        String subject = subject();
        List<ObjectNode> records = inserts(subject, 1, 3, "PushEvent");
        Map<String, AttributeValue> item = new HashMap<>(EventItem.toItem(StreamEvents.stored(subject, 2, "PushEvent",
                "{}")));
        item.remove(EventItem.ID);
        records.set(1, StreamEvents.record("not-an-event", "INSERT", StreamEvents.nextSequenceNumber(), Instant.now(),
                EventTables.eventKey(subject, 2), item));

        // WHEN
        String response = lambda.invoke(StreamEvents.event(records));

        // THEN the record before it was sent, the one after it held back
        assertThat(failedSequenceNumbers(response)).containsExactly(StreamEvents.sequenceNumber(records.get(1)));
        assertThat(queues.sequencesBySubject(projectionQueueUrl)).containsExactly(Map.entry(subject, List.of(1L)));
    }

    @Test
    void handleRequest_splitsSendMessageBatch_whenTenEventsExceed256KiBTogether() {
        // GIVEN ten events of 9,000 CJK characters: about 27 KB of UTF-8 each, 270 KB together, which SQS refuses in
        // one request
        String subject = subject();
        String text = "{\"text\":\"" + "漢".repeat(9_000) + "\"}";
        List<ObjectNode> records = LongStream.rangeClosed(1, 10)
                .mapToObj(sequence -> StreamEvents.insert(StreamEvents.stored(subject, sequence, "PushEvent", text)))
                .toList();

        SendMessageBatchRecorder.takeEntriesPerRequest();

        // WHEN
        String response = lambda.invoke(StreamEvents.event(records));

        // THEN nine fit the first request, the tenth went in a second
        assertThat(failedSequenceNumbers(response)).isEmpty();
        assertThat(SendMessageBatchRecorder.takeEntriesPerRequest()).containsExactly(9, 1);
        assertThat(queues.sequencesBySubject(projectionQueueUrl)).containsExactly(Map.entry(subject, sequences(10)));
    }

    @Test
    void handleRequest_failsInvocation_whenPayloadIsNotStreamEvent() {
        // WHEN / THEN Lambda sees a function error and retries the whole batch
        assertThatThrownBy(() -> lambda.invoke("{\"Records\":\"none\"}"))
                .hasMessageContaining("not a DynamoDB Streams event");
    }

    private static String subject() {
        return "repos/test/" + UUID.randomUUID();
    }

    private static List<ObjectNode> inserts(String subject, long first, long last, String type) {
        List<ObjectNode> records = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++) {
            records.add(StreamEvents.insert(StreamEvents.stored(subject, sequence, type, "{\"n\":" + sequence + "}")));
        }
        return records;
    }

    private static List<ObjectNode> interleave(String alpha, String beta, long perSubject) {
        List<ObjectNode> records = new ArrayList<>();
        for (long sequence = 1; sequence <= perSubject; sequence++) {
            records.add(StreamEvents.insert(StreamEvents.stored(alpha, sequence, "PushEvent", "{}")));
            records.add(StreamEvents.insert(StreamEvents.stored(beta, sequence, "PushEvent", "{}")));
        }
        return records;
    }

    private static List<Long> sequences(long last) {
        return LongStream.rangeClosed(1, last).boxed().toList();
    }

    private static int indexOf(List<ObjectNode> records, List<String> failedSequenceNumbers) {
        assertThat(failedSequenceNumbers).hasSize(1);
        for (int index = 0; index < records.size(); index++) {
            if (StreamEvents.sequenceNumber(records.get(index)).equals(failedSequenceNumbers.get(0))) {
                return index;
            }
        }
        throw new AssertionError("no record has the reported sequence number " + failedSequenceNumbers);
    }

    private static List<String> failedSequenceNumbers(String response) {
        try {
            JsonNode failures = MAPPER.readTree(response).get("batchItemFailures");
            List<String> sequenceNumbers = new ArrayList<>();
            failures.forEach(failure -> sequenceNumbers.add(failure.get("itemIdentifier").asText()));
            return sequenceNumbers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
