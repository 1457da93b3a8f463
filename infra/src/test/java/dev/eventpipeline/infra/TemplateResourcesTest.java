package dev.eventpipeline.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.eventpipeline.model.EventTables;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables and queues of the template are the ones the event model and the consumers are written for: the key
 * schemas of {@link EventTables}, a stream view with new images, high-throughput FIFO queues and TLS-only queue
 * policies.
 */
class TemplateResourcesTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    @Test
    void eventsTable_shouldHaveTheEventModelKeys_whenDeployed() {
        // GIVEN
        Map<String, Object> table = TEMPLATE.properties("EventsTable");

        // WHEN
        List<String> keys = keySchema(table);

        // THEN
        assertThat(keys).containsExactly(EventTables.EVENTS_PARTITION_KEY + " S HASH",
                EventTables.EVENTS_SORT_KEY + " N RANGE");
        assertThat(Nodes.map(table.get("StreamSpecification")).get("StreamViewType")).isEqualTo("NEW_IMAGE");
    }

    @Test
    void dedupTable_shouldHaveTheEventModelKey_whenDeployed() {
        // GIVEN
        Map<String, Object> table = TEMPLATE.properties("DedupTable");

        // WHEN
        List<String> keys = keySchema(table);

        // THEN
        assertThat(keys).containsExactly(EventTables.DEDUP_PARTITION_KEY + " S HASH");
    }

    @Test
    void fifoQueues_shouldUseHighThroughputMode_whenDeployed() {
        // GIVEN
        Map<String, Map<String, Object>> queues = TEMPLATE.resourcesOfType("AWS::SQS::Queue");

        // WHEN
        List<Map<String, Object>> fifo = queues.values().stream()
                .filter(queue -> Boolean.TRUE.equals(queue.get("FifoQueue")))
                .toList();

        // THEN
        assertThat(fifo).hasSize(2).allSatisfy(queue -> {
            assertThat(queue.get("DeduplicationScope")).isEqualTo("messageGroup");
            assertThat(queue.get("FifoThroughputLimit")).isEqualTo("perMessageGroupId");
            assertThat(queue.get("SqsManagedSseEnabled")).isEqualTo(true);
        });
    }

    @Test
    void queuePolicies_shouldRefuseRequestsWithoutTls_forEveryQueue() {
        // GIVEN
        Map<String, Map<String, Object>> queues = TEMPLATE.resourcesOfType("AWS::SQS::Queue");

        // WHEN
        List<Object> guarded = TEMPLATE.resourcesOfType("AWS::SQS::QueuePolicy").values().stream()
                .filter(TemplateResourcesTest::deniesPlainHttp)
                .flatMap(policy -> Nodes.list(policy.get("Queues")).stream())
                .map(queue -> Nodes.map(queue).get("Ref"))
                .toList();

        // THEN
        assertThat(guarded).containsExactlyInAnyOrderElementsOf(queues.keySet());
    }

    private static boolean deniesPlainHttp(Map<String, Object> policy) {
        return Nodes.list(Nodes.map(policy.get("PolicyDocument")).get("Statement")).stream()
                .map(Nodes::map)
                .anyMatch(statement -> "Deny".equals(statement.get("Effect"))
                        && "false".equals(Nodes.map(Nodes.map(statement.get("Condition")).get("Bool"))
                                .get("aws:SecureTransport")));
    }

    /** {@code name type KEYTYPE} per key, in key schema order. */
    private static List<String> keySchema(Map<String, Object> table) {
        Map<Object, Object> types = new HashMap<>();
        Nodes.list(table.get("AttributeDefinitions")).stream().map(Nodes::map)
                .forEach(attribute -> types.put(attribute.get("AttributeName"), attribute.get("AttributeType")));
        return Nodes.list(table.get("KeySchema")).stream().map(Nodes::map)
                .map(key -> key.get("AttributeName") + " " + types.get(key.get("AttributeName")) + " " + key.get("KeyType"))
                .toList();
    }
}
