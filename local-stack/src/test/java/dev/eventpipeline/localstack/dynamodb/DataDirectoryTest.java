package dev.eventpipeline.localstack.dynamodb;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryTest {

    @TempDir
    Path dataDirectory;

    @Test
    void restart_shouldKeepTablesItemsAndStreamRecords_whenADataDirectoryIsGiven() {
        // GIVEN
        String table;
        String streamArn;
        try (LocalDynamoDbFixture first = new LocalDynamoDbFixture(LocalDynamoDb.start(0, dataDirectory))) {
            table = first.createTable(true, StreamViewType.NEW_AND_OLD_IMAGES);
            String name = table;
            first.dynamo.putItem(r -> r.tableName(name).item(item("pk", s("a"), "sk", n("1"), "v", s("one"))));
            first.dynamo.updateItem(r -> r.tableName(name)
                    .key(item("pk", s("a"), "sk", n("1")))
                    .updateExpression("SET v = :v")
                    .expressionAttributeValues(item(":v", s("two"))));
            first.dynamo.putItem(r -> r.tableName(name).item(item("pk", s("a"), "sk", n("2"))));
            first.dynamo.deleteItem(r -> r.tableName(name).key(item("pk", s("a"), "sk", n("2"))));
            streamArn = first.dynamo.describeTable(r -> r.tableName(name)).table().latestStreamArn();
        }

        // WHEN
        try (LocalDynamoDbFixture second = new LocalDynamoDbFixture(LocalDynamoDb.start(0, dataDirectory))) {
            second.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("b"), "sk", n("1"))));

            // THEN
            assertThat(second.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a"), "sk", n("1")))).item())
                    .containsEntry("v", s("two"));
            assertThat(second.dynamo.scan(r -> r.tableName(table)).count()).isEqualTo(2);
            assertThat(second.dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn())
                    .isEqualTo(streamArn);
            List<Record> records = second.streamRecords(table);
            assertThat(records).extracting(Record::eventNameAsString)
                    .containsExactly("INSERT", "MODIFY", "INSERT", "REMOVE", "INSERT");
            assertThat(records).extracting(r -> new BigInteger(r.dynamodb().sequenceNumber())).isSorted()
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void restart_shouldKeepADeletedTablesStreamClosed_whenTheTableWasDeletedBeforeTheRestart() {
        // GIVEN
        String streamArn;
        try (LocalDynamoDbFixture first = new LocalDynamoDbFixture(LocalDynamoDb.start(0, dataDirectory))) {
            String table = first.createTable(false, StreamViewType.KEYS_ONLY);
            first.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"))));
            streamArn = first.dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
            first.dynamo.deleteTable(r -> r.tableName(table));
        }

        // WHEN
        try (LocalDynamoDbFixture second = new LocalDynamoDbFixture(LocalDynamoDb.start(0, dataDirectory))) {
            var stream = second.streams.describeStream(r -> r.streamArn(streamArn)).streamDescription();

            // THEN
            assertThat(stream.streamStatus()).isEqualTo(StreamStatus.DISABLED);
            assertThat(stream.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        }
    }

    @Test
    void restart_shouldKeepEveryCommittedWrite_whenTheProcessDidNotCloseCleanly() {
        // GIVEN
        LocalDynamoDb abandoned = LocalDynamoDb.start(0, dataDirectory);
        LocalDynamoDbFixture first = new LocalDynamoDbFixture(abandoned);
        String table = first.createTable(false, StreamViewType.KEYS_ONLY);
        first.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"))));

        // WHEN
        try (LocalDynamoDbFixture second = new LocalDynamoDbFixture(LocalDynamoDb.start(0, dataDirectory))) {

            // THEN
            assertThat(second.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a")))).hasItem()).isTrue();
            assertThat(second.streamRecords(table)).hasSize(1);
        } finally {
            first.close();
        }
    }
}
