package dev.eventpipeline.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.projection.sqs.MessageBatchHandler;
import dev.eventpipeline.projection.store.ProjectionStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The projection fed through the real SQS protocol into real PostgreSQL, with the faults SQS FIFO can deliver. */
@QuarkusTest
@WithTestResource(LocalServices.class)
class ProjectionDeliveryTest {

    private static final Duration PROJECTED_WITHIN = Duration.ofSeconds(60);

    @Inject
    SqsClient sqs;
    @Inject
    ProjectionConfig config;
    @Inject
    ProjectionStore store;
    @Inject
    ProjectionMetrics metrics;

    private TestQueue queue;
    private String run;

    @BeforeEach
    void setUp() {
        queue = new TestQueue(sqs, config.queueUrl());
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void project_shouldStoreEachEventOnce_whenTenPercentAreRedeliveredShuffled() {
        // GIVEN recorded events, and a redelivery of every tenth one at a random later place in the queue
        List<StoredEvent> events = TestEvents.gharchive("dup-" + run + "/", 300);
        List<SendMessageBatchRequestEntry> entries = withRedeliveries(events, new Random(6));

        // WHEN
        queue.sendEntries(entries);

        // THEN one row per event, and every stream's summary counts each event once
        await().atMost(PROJECTED_WITHIN).untilAsserted(
                () -> assertThat(eventsOfSource(events.get(0).event().source())).hasSize(events.size()));
        List<Map<String, Object>> rows = eventsOfSource(events.get(0).event().source());
        assertThat(rows).extracting(row -> row.get("id")).doesNotHaveDuplicates();
        StoredEvent last = events.get(events.size() - 1);
        long eventsOfLastStream = events.stream().filter(e -> e.subject().equals(last.subject())).count();
        summary(last.subject()).then()
                .statusCode(200)
                .body("lastSequence", equalTo((int) last.sequence()))
                .body("eventCount", equalTo((int) eventsOfLastStream));
    }

    @Test
    void project_shouldHoldGapThenApplyInOrder_whenLaterSequenceArrivesFirst() {
        // GIVEN sequence 3 is on the queue before sequence 2 exists. A queue of its own without a redrive limit, so a
        // slow machine cannot push the held message to the dead-letter queue before the test sends the missing one.
        String queueUrl = ownQueue("gap-" + run);
        TestQueue gapQueue = new TestQueue(sqs, queueUrl);
        MessageBatchHandler consumer = new MessageBatchHandler(sqs, store, metrics, queueOnly(queueUrl));
        String stream = "gap-" + run;
        double heldBefore = metrics.heldCount();
        gapQueue.send(List.of(TestEvents.stored(stream, 1, "/gap/" + run), TestEvents.stored(stream, 3, "/gap/" + run)));
        await().atMost(PROJECTED_WITHIN).until(() -> pollThen(consumer, () -> metrics.heldCount() > heldBefore));
        assertThat(sequencesOf(stream)).containsExactly(1);

        // WHEN the missing event arrives
        gapQueue.send(List.of(TestEvents.stored(stream, 2, "/gap/" + run)));

        // THEN the stream is complete, in order, and nothing is left on the queue
        await().atMost(PROJECTED_WITHIN).until(() -> pollThen(consumer, () -> sequencesOf(stream).size() == 3));
        assertThat(sequencesOf(stream)).containsExactly(1, 2, 3);
        summary(stream).then().body("lastSequence", equalTo(3));
        assertThat(gapQueue.backlog()).isZero();
    }

    @Test
    void project_shouldMovePoisonToDeadLetterQueue_whileOtherGroupsFlow() {
        // GIVEN a message that is not an event, between two healthy streams
        String body = "{\"not\":\"an event " + run + "\"}";
        queue.send(List.of(TestEvents.stored("left-" + run, 1, "/poison/" + run)));
        queue.sendRaw(body, "poison-" + run, "poison-" + run);
        queue.send(List.of(TestEvents.stored("right-" + run, 1, "/poison/" + run),
                TestEvents.stored("right-" + run, 2, "/poison/" + run)));

        // WHEN / THEN the healthy streams are projected
        await().atMost(PROJECTED_WITHIN).untilAsserted(() -> {
            assertThat(sequencesOf("left-" + run)).containsExactly(1);
            assertThat(sequencesOf("right-" + run)).containsExactly(1, 2);
        });
        // AND the poison message reaches the dead-letter queue after the redrive limit
        TestQueue deadLetters = new TestQueue(sqs,
                sqs.getQueueUrl(request -> request.queueName(LocalServices.DEAD_LETTER_QUEUE)).queueUrl());
        List<String> deadBodies = new ArrayList<>();
        await().atMost(PROJECTED_WITHIN).until(() -> {
            deadLetters.receive().forEach(message -> deadBodies.add(message.body()));
            return deadBodies.contains(body);
        });
    }

    @Test
    void project_shouldNotDuplicate_whenConsumerDiesBetweenCommitAndDelete() {
        // GIVEN a consumer of its own queue that commits a batch and dies before deleting it
        String queueUrl = ownQueue("killed-" + run);
        MessageBatchHandler handler = new MessageBatchHandler(sqs, store, metrics, queueOnly(queueUrl));
        String stream = "killed-" + run;
        new TestQueue(sqs, queueUrl).send(List.of(TestEvents.stored(stream, 1, "/killed/" + run)));
        List<Message> received = new ArrayList<>();
        await().atMost(PROJECTED_WITHIN).until(() -> received.addAll(handler.receive(1)));
        assertThat(handler.project(received)).hasSize(1);

        // WHEN a new consumer receives the redelivered message once its visibility timeout ends
        await().atMost(PROJECTED_WITHIN).until(() -> handler.pollOnce(1) > 0);

        // THEN the event is stored once and the message is gone
        assertThat(sequencesOf(stream)).containsExactly(1);
        summary(stream).then().body("eventCount", equalTo(1));
        assertThat(new TestQueue(sqs, queueUrl).backlog()).isZero();
    }

    /** Lets the consumer receive once, then checks the condition. */
    private static boolean pollThen(MessageBatchHandler consumer, BooleanSupplier condition) {
        consumer.pollOnce(1);
        return condition.getAsBoolean();
    }

    /** A FIFO queue without redrive policy, drained only by the consumer the test makes. */
    private String ownQueue(String name) {
        return sqs.createQueue(request -> request.queueName(name + ".fifo").attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(LocalServices.VISIBILITY_TIMEOUT_SECONDS))))
                .queueUrl();
    }

    private static List<SendMessageBatchRequestEntry> withRedeliveries(List<StoredEvent> events, Random random) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (StoredEvent stored : events) {
            entries.add(EventMessage.entry("0", stored));
        }
        for (int i = 0; i < events.size(); i += 10) {
            SendMessageBatchRequestEntry original = entries.get(i);
            int at = i + 1 + random.nextInt(entries.size() - i);
            // A fresh deduplication id: a replay after SQS's five-minute deduplication window.
            entries.add(at, original.toBuilder().messageDeduplicationId("replay-" + i).build());
        }
        return entries;
    }

    private static ProjectionConfig queueOnly(String queueUrl) {
        return ProjectionConfig.of(queueUrl, 0, 1, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    static Response summary(String stream) {
        return given().pathParam("subject", stream).get("/streams/{subject}");
    }

    static List<Integer> sequencesOf(String stream) {
        return given().pathParam("subject", stream).get("/streams/{subject}/events")
                .then().statusCode(200)
                .extract().jsonPath().getList("events.sequence", Integer.class);
    }

    static List<Map<String, Object>> eventsOfSource(String source) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        do {
            var request = given().queryParam("source", source).queryParam("limit", 1000);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath page = request.get("/events").then().statusCode(200).extract().jsonPath();
            rows.addAll(page.getList("events"));
            after = page.getString("next");
        } while (after != null && cursors.add(after));
        return rows;
    }
}
