package dev.eventpipeline.localstack.dynamodb;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class StreamRetentionTest {

    static LocalDynamoDbFixture local;

    @BeforeAll
    static void start() {
        System.setProperty("localstack.dynamodb.stream-retention", "PT3S");
        try {
            local = LocalDynamoDbFixture.inMemory();
        } finally {
            System.clearProperty("localstack.dynamodb.stream-retention");
        }
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void getShardIterator_shouldAnswerTrimmedDataAccess_whenTheRecordOutlivedTheRetentionPeriod() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.KEYS_ONLY);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("old"))));
        String sequenceNumber = local.streamRecords(table).get(0).dynamodb().sequenceNumber();
        String arn = local.dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        Shard shard = local.streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0);

        // WHEN
        await().atMost(Duration.ofSeconds(15)).until(() -> local.streamRecords(table).isEmpty());

        // THEN
        assertThatThrownBy(() -> local.streams.getShardIterator(r -> r.streamArn(arn)
                .shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(sequenceNumber)))
                .isInstanceOf(TrimmedDataAccessException.class);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("new"))));
        assertThat(local.streamRecords(table)).extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("new");
    }
}
