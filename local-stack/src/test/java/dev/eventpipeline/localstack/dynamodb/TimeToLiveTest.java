package dev.eventpipeline.localstack.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.item;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.n;
import static dev.eventpipeline.localstack.dynamodb.LocalDynamoDbFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TimeToLiveTest {

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
    void timeToLive_shouldDeleteExpiredItemsWithAServiceRemoveRecord_whenEnabled() {
        // GIVEN
        String table = local.createTable(false, StreamViewType.NEW_AND_OLD_IMAGES);
        String past = Long.toString(Instant.now().minusSeconds(60).getEpochSecond());
        String future = Long.toString(Instant.now().plusSeconds(3600).getEpochSecond());
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("expired"), "expiresAt", n(past))));
        local.dynamo.putItem(r -> r.tableName(table).item(item("pk", s("alive"), "expiresAt", n(future))));

        // WHEN
        local.dynamo.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));

        // THEN
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("expired")))).hasItem());
        assertThat(local.dynamo.getItem(r -> r.tableName(table).key(item("pk", s("alive")))).hasItem()).isTrue();
        List<Record> records = local.streamRecords(table);
        Record removal = records.get(records.size() - 1);
        assertThat(removal.eventName()).isEqualTo(OperationType.REMOVE);
        assertThat(removal.userIdentity().type()).isEqualTo("Service");
        assertThat(removal.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(records.get(0).userIdentity()).isNull();
    }

    @Test
    void describeTimeToLive_shouldReportTheAttribute_whenEnabledAndRefuseEnablingTwice() {
        // GIVEN
        String table = local.createTable(false, null);
        local.dynamo.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));

        // WHEN
        var description = local.dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();

        // THEN
        assertThat(description.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(description.attributeName()).isEqualTo("ttl");
        assertThatThrownBy(() -> local.dynamo.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("TimeToLive is already enabled");
    }
}
