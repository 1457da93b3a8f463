package dev.eventpipeline.localstack.dynamodb;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamsTest {

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
    void getRecords_shouldCarryTheFieldsLambdaExpects_whenAnItemIsInserted() {
        // GIVEN
        String table = local.createTable(true, StreamViewType.NEW_AND_OLD_IMAGES);

        // WHEN
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n("1"), "v", s("x"))));

        // THEN
        Record record = local.streamRecords(table).get(0);
        assertThat(record.eventName()).isEqualTo(OperationType.INSERT);
        assertThat(record.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(record.eventVersion()).isEqualTo("1.1");
        assertThat(record.awsRegion()).isEqualTo("us-east-1");
        assertThat(record.eventID()).isNotBlank();
        assertThat(record.dynamodb().keys()).isEqualTo(item("pk", s("a"), "sk", n("1")));
        assertThat(record.dynamodb().newImage()).containsEntry("v", s("x"));
        assertThat(record.dynamodb().oldImage()).isEmpty();
        assertThat(record.dynamodb().sizeBytes()).isPositive();
        assertThat(record.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(record.dynamodb().approximateCreationDateTime()).isNotNull();
    }

    @Test
    void getRecords_shouldHoldOnlyKeys_whenTheViewTypeIsKeysOnly() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.KEYS_ONLY);

        // WHEN
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", s("x"))));

        // THEN
        Record record = local.streamRecords(table).get(0);
        assertThat(record.dynamodb().keys()).isEqualTo(item("pk", s("a")));
        assertThat(record.dynamodb().newImage()).isEmpty();
    }

    @Test
    void getRecords_shouldHoldTheOldImage_whenTheViewTypeIsOldImageAndTheItemIsDeleted() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.OLD_IMAGE);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", s("x"))));

        // WHEN
        local.dynamo.deleteItem(r -> r.tableName(table).key(item("pk", s("a"))));

        // THEN
        List<Record> records = local.streamRecords(table);
        assertThat(records.get(0).dynamodb().oldImage()).isEmpty();
        assertThat(records.get(1).eventName()).isEqualTo(OperationType.REMOVE);
        assertThat(records.get(1).dynamodb().oldImage()).containsEntry("v", s("x"));
    }

    @Test
    void getRecords_shouldListWritesInCommitOrderWithIncreasingSequenceNumbers_whenManyItemsAreWritten() {
        // GIVEN
        String table = local.createTable(true, StreamViewType.NEW_IMAGE);

        // WHEN
        for (int i = 0; i < 30; i++) {
            String sequence = Integer.toString(i);
            local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", n(sequence))));
        }

        // THEN
        List<Record> records = local.streamRecords(table);
        assertThat(records).extracting(r -> r.dynamodb().keys().get("sk").n())
                .containsExactlyElementsOf(IntStream.range(0, 30).mapToObj(Integer::toString).toList());
        assertThat(records).extracting(r -> new BigInteger(r.dynamodb().sequenceNumber())).isSorted();
    }

    @Test
    void putItem_shouldWriteNoRecord_whenTheItemDoesNotChange() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.NEW_IMAGE);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", s("x"))));

        // WHEN
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", s("x"))));
        local.dynamo.deleteItem(r -> r.tableName(table).key(item("pk", s("missing"))));

        // THEN
        assertThat(local.streamRecords(table)).hasSize(1);
    }

    @Test
    void getShardIterator_shouldStartWhereAsked_whenLatestAtAndAfterSequenceNumberAreUsed() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.KEYS_ONLY);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("1"))));
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("2"))));
        String arn = local.dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        Shard shard = local.streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0);
        String first = local.streamRecords(table).get(0).dynamodb().sequenceNumber();
        String latest = iterator(arn, shard, ShardIteratorType.LATEST, null);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("3"))));

        // WHEN
        List<String> fromLatest = keys(local.streams.getRecords(r -> r.shardIterator(latest)));
        List<String> atFirst = keys(local.streams.getRecords(r -> r.shardIterator(
                iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, first))));
        List<String> afterFirst = keys(local.streams.getRecords(r -> r.shardIterator(
                iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, first))));

        // THEN
        assertThat(fromLatest).containsExactly("3");
        assertThat(atFirst).containsExactly("1", "2", "3");
        assertThat(afterFirst).containsExactly("2", "3");
    }

    @Test
    void getRecords_shouldHonourLimitAndContinue_whenFollowingNextShardIterator() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.KEYS_ONLY);
        for (int i = 0; i < 5; i++) {
            String key = Integer.toString(i);
            local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s(key))));
        }
        String arn = local.dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        Shard shard = local.streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0);

        // WHEN
        GetRecordsResponse first = local.streams.getRecords(r -> r.limit(3)
                .shardIterator(iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null)));
        GetRecordsResponse second = local.streams.getRecords(r -> r.limit(3).shardIterator(first.nextShardIterator()));

        // THEN
        assertThat(keys(first)).containsExactly("0", "1", "2");
        assertThat(keys(second)).containsExactly("3", "4");
        assertThat(second.nextShardIterator()).isNotNull();
    }

    @Test
    void updateTable_shouldCloseTheOldStreamAndOpenANewOne_whenTheStreamIsTurnedOffAndOnAgain() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.KEYS_ONLY);
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("before"))));
        String oldArn = local.dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();

        // WHEN
        local.dynamo.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("while-off"))));
        local.dynamo.updateTable(r -> r.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("after"))));

        // THEN
        var oldStream = local.streams.describeStream(r -> r.streamArn(oldArn)).streamDescription();
        assertThat(oldStream.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(oldStream.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(local.dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn()).isNotEqualTo(oldArn);
        assertThat(local.streamRecords(table)).extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("after");
        assertThat(local.streams.listStreams(r -> r.tableName(table)).streams()).hasSize(2);
    }

    @Test
    void describeStream_shouldAnswerResourceNotFound_whenTheArnIsUnknown() {
        assertThatThrownBy(() -> local.streams.describeStream(r -> r.streamArn(
                "arn:aws:dynamodb:us-east-1:000000000000:table/none/stream/2020-01-01T00:00:00.000")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static String iterator(String arn, Shard shard, ShardIteratorType type, String sequenceNumber) {
        return local.streams.getShardIterator(r -> r.streamArn(arn)
                .shardId(shard.shardId())
                .shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    private static List<String> keys(GetRecordsResponse response) {
        return response.records().stream().map(r -> r.dynamodb().keys().get("pk").s()).toList();
    }
}
