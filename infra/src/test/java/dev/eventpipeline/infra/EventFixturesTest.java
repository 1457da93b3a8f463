package dev.eventpipeline.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.model.DynamoDbJson;
import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.EventItem;
import dev.eventpipeline.model.EventTables;
import dev.eventpipeline.model.StoredEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sam local invoke} events in {@code infra/events} are what the functions really receive: the stream
 * batch's images are event items exactly as {@link EventItem#toItem} writes them, and the HTTP API event is a
 * payload 2.0 request for a route of the template carrying a valid structured CloudEvent. Other modules' tests use
 * them as fixtures, so they must stay exact.
 */
class EventFixturesTest {

    private static final Path EVENTS = SamTemplate.infraDir().resolve("events");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SamTemplate TEMPLATE = SamTemplate.load();

    @Test
    void insertImages_shouldBeWhatEventItemWrites_whenReadBackThroughTheEventModel() throws IOException {
        // GIVEN
        List<Map<String, AttributeValue>> images = imagesOf("INSERT");

        // WHEN
        List<Map<String, AttributeValue>> rewritten = images.stream()
                .map(image -> EventItem.toItem(EventItem.fromItem(image)))
                .toList();

        // THEN
        assertThat(rewritten).isNotEmpty().isEqualTo(images);
    }

    @Test
    void insertImages_shouldCarryTheEventDigest_whenIngestWroteThem() throws IOException {
        // GIVEN
        List<Map<String, AttributeValue>> images = imagesOf("INSERT");

        // WHEN
        List<String> digests = images.stream().map(image -> EventItem.fromItem(image).event().digest()).toList();

        // THEN
        assertThat(digests).isEqualTo(images.stream().map(image -> image.get(EventItem.DIGEST).s()).toList());
    }

    @Test
    void keys_shouldBeTheEventTableKey_whenTheRecordHasAnImage() throws IOException {
        // GIVEN
        List<JsonNode> records = records("INSERT");

        // WHEN
        List<Map<String, AttributeValue>> keys = records.stream()
                .map(record -> DynamoDbJson.readItem(record.at("/dynamodb/Keys")))
                .toList();

        // THEN
        assertThat(keys).isEqualTo(records.stream().map(EventFixturesTest::expectedKey).toList());
    }

    @Test
    void sequences_shouldCountFromOnePerSubject_whenReadInBatchOrder() throws IOException {
        // GIVEN
        List<StoredEvent> inserted = imagesOf("INSERT").stream().map(EventItem::fromItem).toList();

        // WHEN
        Map<String, List<Long>> sequences = new HashMap<>();
        inserted.forEach(stored -> sequences.computeIfAbsent(stored.subject(), s -> new ArrayList<>()).add(stored.sequence()));

        // THEN
        sequences.forEach((subject, seen) -> assertThat(seen).as("sequences of %s", subject)
                .isEqualTo(LongStream.rangeClosed(1, seen.size()).boxed().toList()));
    }

    @Test
    void records_shouldIncludeOneModifyAndOneTtlRemove_whenTheProcessorMustSkipThem() throws IOException {
        // GIVEN the stream batch

        // WHEN
        List<JsonNode> modify = records("MODIFY");
        List<JsonNode> remove = records("REMOVE");

        // THEN
        assertThat(modify).hasSize(1);
        assertThat(remove).singleElement().satisfies(record -> {
            assertThat(record.at("/dynamodb/NewImage").isMissingNode()).as("NewImage of a REMOVE").isTrue();
            assertThat(record.at("/userIdentity/principalId").asText()).isEqualTo("dynamodb.amazonaws.com");
        });
    }

    @Test
    void streamViewType_shouldBeTheEventsTableStreamViewType_whenLambdaDeliversTheBatch() throws IOException {
        // GIVEN
        Object tableViewType = Nodes.map(TEMPLATE.properties("EventsTable").get("StreamSpecification"))
                .get("StreamViewType");

        // WHEN
        List<String> viewTypes = streamRecords().stream().map(r -> r.at("/dynamodb/StreamViewType").asText()).toList();

        // THEN
        assertThat(viewTypes).isNotEmpty().containsOnly(String.valueOf(tableViewType));
    }

    @Test
    void apiEvent_shouldTargetARouteOfTheTemplate_whenApiGatewaySendsIt() throws IOException {
        // GIVEN
        JsonNode request = apiEvent();

        // WHEN
        String routeKey = request.get("routeKey").asText();

        // THEN
        assertThat(request.get("version").asText()).isEqualTo("2.0");
        assertThat(routeKey).isIn(httpApiRoutes());
        assertThat(request.get("rawPath").asText()).as("rawPath on the $default stage")
                .isEqualTo(routeKey.split(" ")[1])
                .isEqualTo(request.at("/requestContext/http/path").asText());
    }

    @Test
    void apiEventBody_shouldBeAValidStructuredCloudEvent_whenIngestParsesIt() throws IOException {
        // GIVEN
        JsonNode request = apiEvent();
        String body = request.get("body").asText();

        // WHEN
        Event event = Envelopes.parseStructured(body);

        // THEN
        assertThat(request.at("/headers/content-type").asText()).startsWith("application/cloudevents+json");
        assertThat(request.at("/headers/content-length").asInt()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(request.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.digest()).as("the same event as the jlnr/gosu insert of the stream batch")
                .isEqualTo(imagesOf("INSERT").stream()
                        .filter(image -> image.get(EventItem.SUBJECT).s().equals(event.subject()))
                        .findFirst().orElseThrow()
                        .get(EventItem.DIGEST).s());
    }

    private static JsonNode apiEvent() throws IOException {
        return MAPPER.readTree(EVENTS.resolve("api-gateway-http-v2-post-event.json").toFile());
    }

    private static List<JsonNode> streamRecords() throws IOException {
        JsonNode batch = MAPPER.readTree(EVENTS.resolve("dynamodb-stream-batch.json").toFile());
        List<JsonNode> records = new ArrayList<>();
        batch.get("Records").forEach(records::add);
        return records;
    }

    private static List<JsonNode> records(String eventName) throws IOException {
        return streamRecords().stream().filter(record -> record.get("eventName").asText().equals(eventName)).toList();
    }

    private static List<Map<String, AttributeValue>> imagesOf(String eventName) throws IOException {
        return records(eventName).stream().map(record -> DynamoDbJson.readItem(record.at("/dynamodb/NewImage"))).toList();
    }

    private static Map<String, AttributeValue> expectedKey(JsonNode record) {
        JsonNode image = record.at("/dynamodb/NewImage");
        return EventTables.eventKey(image.at("/subject/S").asText(), image.at("/sequence/N").asLong());
    }

    /** {@code POST /events} and the other {@code Method Path} pairs of the template's HttpApi events. */
    private static List<String> httpApiRoutes() {
        List<String> routes = new ArrayList<>();
        TEMPLATE.resourcesOfType(SamTemplate.FUNCTION).values().forEach(function -> Nodes.map(function.get("Events"))
                .values().stream()
                .map(Nodes::map)
                .filter(event -> "HttpApi".equals(event.get("Type")))
                .map(event -> Nodes.map(event.get("Properties")))
                .forEach(route -> routes.add(route.get("Method") + " " + route.get("Path"))));
        return routes;
    }
}
