package dev.eventpipeline.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.eventpipeline.ingest.store.EventStore;
import dev.eventpipeline.ingest.store.StreamContentionException;
import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.EventItem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static dev.eventpipeline.ingest.TestEvents.event;
import static dev.eventpipeline.ingest.TestEvents.newSubject;
import static dev.eventpipeline.ingest.TestEvents.stored;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many producers appending to one subject at once must yield the sequences 1..n, each event exactly once.
 */
@QuarkusTest
@QuarkusTestResource(LocalDynamoDbResource.class)
class ConcurrentProducersTest {

    private static final int PRODUCERS = 20;
    /** A producer resends on 503 as the Retry-After contract asks; bounded so a broken store fails the test. */
    private static final int PRODUCER_ATTEMPTS = 50;

    @Inject
    EventStore store;

    @Test
    void append_yieldsSequencesOneToTwenty_whenTwentyProducersPostToOneSubjectAtOnce() throws Exception {
        // GIVEN
        String subject = newSubject();
        List<String> bodies = IntStream.range(0, PRODUCERS)
                .mapToObj(i -> event(subject).id(subject + "/producer-" + i).json())
                .toList();

        // WHEN
        List<Long> sequences = race(bodies, ConcurrentProducersTest::postUntilStored);

        // THEN
        assertThat(sequences).containsExactlyInAnyOrderElementsOf(oneTo(PRODUCERS));
        assertStoredOnceEach(subject);
    }

    @Test
    void append_yieldsSequencesOneToTwenty_whenTwentyThreadsContendInTheStore() throws Exception {
        // GIVEN twenty threads appending directly through the DynamoDB adapter, so the transactions really overlap
        String subject = newSubject();
        List<Event> events = IntStream.range(0, PRODUCERS)
                .mapToObj(i -> Envelopes.parseStructured(event(subject).id(subject + "/producer-" + i).json()))
                .toList();

        // WHEN
        List<Long> sequences = race(events, this::appendUntilStored);

        // THEN
        assertThat(sequences).containsExactlyInAnyOrderElementsOf(oneTo(PRODUCERS));
        assertStoredOnceEach(subject);
    }

    private static <T> List<Long> race(List<T> inputs, ThrowingFunction<T> producer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
        CyclicBarrier start = new CyclicBarrier(inputs.size());
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (T input : inputs) {
                Callable<Long> task = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return producer.apply(input);
                };
                results.add(pool.submit(task));
            }
            List<Long> sequences = new ArrayList<>();
            for (Future<Long> result : results) {
                sequences.add(result.get(120, TimeUnit.SECONDS));
            }
            return sequences;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long postUntilStored(String body) {
        for (int attempt = 1; attempt <= PRODUCER_ATTEMPTS; attempt++) {
            Response response = given()
                    .contentType("application/cloudevents+json")
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/events");
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                return response.jsonPath().getLong("sequence");
            }
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        }
        throw new AssertionError("not stored after " + PRODUCER_ATTEMPTS + " attempts");
    }

    private long appendUntilStored(Event event) {
        for (int attempt = 1; attempt <= PRODUCER_ATTEMPTS; attempt++) {
            try {
                return store.append(event, Instant.now()).sequence();
            } catch (StreamContentionException e) {
                // the answer a producer gets as 503: it sends the same event again
            }
        }
        throw new AssertionError("not stored after " + PRODUCER_ATTEMPTS + " attempts");
    }

    private static void assertStoredOnceEach(String subject) {
        var items = stored(subject);
        assertThat(items).extracting(item -> Long.parseLong(item.get(EventItem.SEQUENCE).n()))
                .containsExactlyElementsOf(oneTo(PRODUCERS));
        assertThat(items).extracting(item -> item.get(EventItem.ID).s()).doesNotHaveDuplicates().hasSize(PRODUCERS);
    }

    private static List<Long> oneTo(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @FunctionalInterface
    private interface ThrowingFunction<T> {
        long apply(T input) throws Exception;
    }
}
