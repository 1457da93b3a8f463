package dev.eventpipeline.localstack.sam;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventpipeline.localstack.sam.LocalSpecs.Function;
import dev.eventpipeline.localstack.sam.LocalSpecs.Queue;
import dev.eventpipeline.localstack.sam.LocalSpecs.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the project's real template, the one that deploys to AWS. */
class SamTemplateTest {

    static final Path TEMPLATE = Path.of(System.getProperty("sam.template", "../infra/sam-template.yaml"));

    private SamTemplate template;

    @BeforeEach
    void load() throws Exception {
        template = SamTemplate.load(TEMPLATE, "us-east-1");
    }

    @Test
    void tables_shouldCarryKeysStreamAndTtl_asTheTemplateDeclaresThem() {
        Table events = template.tables().stream().filter(t -> t.logicalId().equals("EventsTable")).findFirst().orElseThrow();

        assertThat(events.keys()).extracting(LocalSpecs.Key::name, LocalSpecs.Key::keyType, LocalSpecs.Key::attributeType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("subject", "HASH", "S"),
                        org.assertj.core.groups.Tuple.tuple("sequence", "RANGE", "N"));
        assertThat(events.streamViewType()).isEqualTo("NEW_IMAGE");
        assertThat(events.ttlAttribute()).isEqualTo("expiresAt");
    }

    @Test
    void queues_shouldCarryFifoVisibilityAndRedrive() {
        Queue projection = template.queues().stream().filter(q -> q.logicalId().equals("ProjectionQueue")).findFirst()
                .orElseThrow();

        assertThat(projection.name()).isEqualTo("event-pipeline-projection.fifo");
        assertThat(projection.fifo()).isTrue();
        assertThat(projection.visibilityTimeoutSeconds()).isPositive();
        assertThat(projection.deadLetterLogicalId()).isEqualTo("ProjectionDeadLetterQueue");
        assertThat(projection.maxReceiveCount()).isPositive();
    }

    @Test
    void functions_shouldCarryCodeUriRoutesAndTheStreamMapping() {
        Function ingest = function("IngestFunction");
        Function processor = function("StreamProcessorFunction");

        assertThat(ingest.codeUri()).endsWithRaw(Path.of("ingest-lambda", "target", "function.zip"));
        assertThat(ingest.routes()).extracting(LocalSpecs.HttpRoute::path).contains("/events", "/events/batch");
        assertThat(processor.streams()).singleElement().satisfies(stream -> {
            assertThat(stream.tableLogicalId()).isEqualTo("EventsTable");
            assertThat(stream.reportBatchItemFailures()).isTrue();
            assertThat(stream.onFailureQueueLogicalId()).isEqualTo("StreamFailureQueue");
        });
    }

    @Test
    void evaluate_shouldResolveRefsToLocalNames_onceDefined() {
        template.define("EventsTable", Map.of("Ref", "local-events"));

        assertThat(template.evaluate(function("IngestFunction").environment().get("EVENTS_TABLE")))
                .isEqualTo("local-events");
    }

    @Test
    void evaluate_shouldNameTheResource_whenTheLocalRunDoesNotCreateIt() {
        Object reactiveUrl = template.containers().get(0).environment().get("QUARKUS_DATASOURCE_REACTIVE_URL");

        assertThatThrownBy(() -> template.evaluate(reactiveUrl))
                .hasMessageContaining("DatabaseCluster")
                .hasMessageContaining("the local run does not create");
    }

    @Test
    void skippedTypes_shouldListWhatTheLocalRunLeavesOut() {
        assertThat(template.skippedTypes()).anyMatch(line -> line.startsWith("AWS::RDS::DBCluster"))
                .noneMatch(line -> line.startsWith("AWS::SQS::Queue "));
    }

    private Function function(String logicalId) {
        return template.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
