package dev.eventpipeline.localstack.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {

    private static final int THREADS = 8;

    static LocalDynamoDbFixture local;

    @BeforeAll
    static void start() {
        local = LocalDynamoDbFixture.inMemory();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void putItem_shouldHaveExactlyOneWinner_whenManyThreadsRaceOnOneKey() throws Exception {
        // GIVEN
        String table = local.createTable(true, StreamViewType.NEW_IMAGE);
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < THREADS * 4; i++) {
            String writer = "writer-" + i;
            racers.add(() -> outcome(() -> local.dynamo.putItem(r -> r.tableName(table)
                    .item(item("pk", s("stream"), "sk", n("1"), "writer", s(writer)))
                    .conditionExpression("attribute_not_exists(pk)"))));
        }

        // WHEN
        List<String> outcomes = runAll(racers);

        // THEN
        assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("ConditionalCheckFailed"::equals).hasSize(racers.size() - 1);
        assertThat(local.streamRecords(table)).hasSize(1);
    }

    @Test
    void transactWriteItems_shouldAdvanceTheHeadOnceAndAppendOnce_whenThreadsRaceOnTheSameVersion() throws Exception {
        // GIVEN
        String events = local.createTable(true, StreamViewType.NEW_IMAGE);
        String heads = local.createTable(false, null);
        local.dynamo.putItem(r -> r.tableName(heads).item(item("pk", s("stream"), "version", n("0"))));
        List<Callable<String>> racers = new ArrayList<>();
        for (int i = 0; i < THREADS * 4; i++) {
            racers.add(() -> outcome(() -> local.dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(events)
                            .item(item("pk", s("stream"), "sk", n("1")))
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(heads)
                            .key(item("pk", s("stream")))
                            .updateExpression("SET version = :next")
                            .conditionExpression("version = :expected")
                            .expressionAttributeValues(item(":next", n("1"), ":expected", n("0")))).build()))));
        }

        // WHEN
        List<String> outcomes = runAll(racers);

        // THEN
        assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("TransactionCanceled"::equals).hasSize(racers.size() - 1);
        assertThat(local.streamRecords(events)).hasSize(1);
    }

    @Test
    void updateItem_shouldLoseNoIncrement_whenThreadsAddConcurrently() throws Exception {
        // GIVEN
        String table = local.createTable(false, null);
        List<Callable<String>> adders = new ArrayList<>();
        for (int i = 0; i < THREADS * 25; i++) {
            adders.add(() -> outcome(() -> local.dynamo.updateItem(r -> r.tableName(table)
                    .key(item("pk", s("counter")))
                    .updateExpression("ADD hits :one")
                    .expressionAttributeValues(item(":one", n("1"))))));
        }

        // WHEN
        runAll(adders);

        // THEN
        assertThat(local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("counter")))).item().get("hits").n())
                .isEqualTo(Integer.toString(adders.size()));
    }

    private static String outcome(Runnable call) {
        try {
            call.run();
            return "won";
        } catch (ConditionalCheckFailedException e) {
            return "ConditionalCheckFailed";
        } catch (TransactionCanceledException e) {
            return "TransactionCanceled";
        }
    }

    private static List<String> runAll(List<Callable<String>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : pool.invokeAll(calls)) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
