package dev.eventpipeline.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.model.Timestamps;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.sqs.SqsClient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/**
 * The analysts' API over HTTP. The JVM runs in Asia/Kathmandu (+05:45) and PostgreSQL in America/St_Johns (-03:30),
 * so a timestamp that passed through either zone shows.
 */
@QuarkusTest
@WithTestResource(LocalServices.class)
class QueryApiTest {

    private static final Duration PROJECTED_WITHIN = Duration.ofSeconds(60);
    private static final String RFC_3339_WITH_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";
    /** Key order, a trailing zero and an exponent that jsonb would rewrite. */
    private static final String EXACT_DATA = "{\"zeta\":1,\"action\":\"opened\",\"price\":1.50,\"big\":1e3,\"tags\":[\"a\",\"b\"]}";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE = "/query/" + RUN;
    private static final String STREAM = "query-" + RUN;
    private static final String UNTIMED_STREAM = "query-untimed-" + RUN;
    private static final String OPENED = "com.example." + RUN + ".Opened";
    private static final String CLOSED = "com.example." + RUN + ".Closed";
    private static boolean projected;

    @Inject
    SqsClient sqs;
    @Inject
    ProjectionConfig config;

    @BeforeEach
    void projectFixture() {
        if (projected) {
            return;
        }
        new TestQueue(sqs, config.queueUrl()).send(List.of(
                TestEvents.stored(STREAM, 1, SOURCE, "e1", OPENED, "2015-01-01T00:00:00Z", EXACT_DATA),
                TestEvents.stored(STREAM, 2, SOURCE, "e2", CLOSED, "2015-01-01T00:01:30.5+00:00",
                        "{\"action\":\"closed\"}"),
                TestEvents.stored(STREAM, 3, SOURCE, "e3", OPENED, "2015-01-02T10:00:00+05:45", "\"just text\""),
                TestEvents.stored(UNTIMED_STREAM, 1, SOURCE, "e4", OPENED, null, null)));
        await().atMost(PROJECTED_WITHIN).until(() -> given().pathParam("s", UNTIMED_STREAM).get("/streams/{s}")
                .statusCode() == 200 && given().pathParam("s", STREAM).get("/streams/{s}").statusCode() == 200
                && given().pathParam("s", STREAM).get("/streams/{s}").jsonPath().getInt("lastSequence") == 3);
        projected = true;
    }

    @Test
    void summary_shouldDescribeStream_whenEventsProjected() {
        given().pathParam("s", STREAM)
                .when().get("/streams/{s}")
                .then().statusCode(200)
                .body("subject", equalTo(STREAM))
                .body("lastSequence", equalTo(3))
                .body("eventCount", equalTo(3))
                .body("firstTime", equalTo("2015-01-01T00:00:00Z"))
                .body("lastTime", equalTo("2015-01-02T04:15:00Z"))
                .body("lastType", equalTo(OPENED));
    }

    @Test
    void summary_shouldAnswerNotFoundProblem_whenStreamUnknown() {
        given().pathParam("s", "no-such-stream-" + RUN)
                .when().get("/streams/{s}")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("no-such-stream-" + RUN));
    }

    /** Regression: the history of a stream never seen answered 200 with no events, while its summary answered 404. */
    @Test
    void streamEvents_shouldAnswerNotFoundProblem_whenStreamUnknown() {
        given().pathParam("s", "no-such-stream-" + RUN)
                .when().get("/streams/{s}/events")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-stream-" + RUN));
    }

    @Test
    void streamEvents_shouldAnswerEmptyPage_whenFromSequenceIsPastTheStreamsEnd() {
        given().pathParam("s", STREAM).queryParam("fromSequence", 1000)
                .when().get("/streams/{s}/events")
                .then().statusCode(200)
                .body("events", equalTo(List.of()))
                .body("nextFromSequence", equalTo(null));
    }

    @Test
    void streamEvents_shouldPageInSequenceOrder_whenFromSequenceAndLimitGiven() {
        given().pathParam("s", STREAM).queryParam("fromSequence", 2).queryParam("limit", 1)
                .when().get("/streams/{s}/events")
                .then().statusCode(200)
                .body("events.sequence", equalTo(List.of(2)))
                .body("limit", equalTo(1))
                .body("nextFromSequence", equalTo(3));
    }

    @Test
    void lookup_shouldReturnDataExactlyAsSent_whenEventExists() {
        // WHEN
        String body = given().queryParam("source", SOURCE).queryParam("id", "e1")
                .when().get("/events/lookup")
                .then().statusCode(200)
                .extract().asString();

        // THEN data is JSON (not a string) with the producer's key order and digits
        assertThat(body).contains("\"data\":" + EXACT_DATA);
        JsonPath event = JsonPath.from(body);
        assertThat(event.getString("time")).isEqualTo("2015-01-01T00:00:00Z");
        assertThat(event.getString("receivedAt")).matches(RFC_3339_WITH_SECONDS);
        assertThat(event.getString("projectedAt")).matches(RFC_3339_WITH_SECONDS);
    }

    /** Regression: the REST layer's own refusals answered with an empty body (405, 406) instead of problem JSON. */
    @Test
    void events_shouldAnswerProblem_whenMethodOrMediaTypeIsNotServed() {
        given().post("/events")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
        given().accept("application/xml").get("/events")
                .then()
                .statusCode(406)
                .contentType("application/problem+json")
                .body("status", equalTo(406));
    }

    @Test
    void lookup_shouldAnswerNotFoundProblem_whenIdUnknown() {
        given().queryParam("source", SOURCE).queryParam("id", "missing")
                .when().get("/events/lookup")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void events_shouldKeepTimeAsUtcWithSeconds_whenSentWithOffsetOrFraction() {
        given().queryParam("source", SOURCE).queryParam("subject", STREAM)
                .when().get("/events")
                .then().statusCode(200)
                .body("events.time", equalTo(List.of("2015-01-01T00:00:00Z", "2015-01-01T00:01:30.500Z",
                        "2015-01-02T04:15:00Z")))
                .body("next", nullValue());
    }

    @Test
    void events_shouldMatchContainment_whenDataFilterGiven() {
        given().queryParam("source", SOURCE).queryParam("data", "{\"action\":\"opened\"}")
                .when().get("/events")
                .then().statusCode(200)
                .body("events.id", equalTo(List.of("e1")));
    }

    @Test
    void events_shouldFilterAndOrderNewestFirst_whenTypeTimeAndOrderGiven() {
        given().queryParam("type", OPENED).queryParam("from", "2015-01-01T00:00:00Z")
                .queryParam("to", "2015-01-03T00:00:00Z").queryParam("order", "desc")
                .when().get("/events")
                .then().statusCode(200)
                .body("events.id", equalTo(List.of("e3", "e1")));
    }

    @Test
    void events_shouldReturnUntimedEventWithNullTimeAndData_whenProducerSentNone() {
        given().queryParam("subject", UNTIMED_STREAM)
                .when().get("/events")
                .then().statusCode(200)
                .body("events[0].time", nullValue())
                .body("events[0].data", nullValue())
                .body("events[0].receivedAt", matchesPattern(RFC_3339_WITH_SECONDS));
    }

    @Test
    void typeStats_shouldCountInsertedEventsPerType_whenRangeGiven() {
        given().queryParam("from", "2015-01-01T00:00:00Z").queryParam("to", "2015-01-03T00:00:00Z")
                .when().get("/stats/types")
                .then().statusCode(200)
                .body("from", equalTo("2015-01-01T00:00:00Z"))
                .body("types.findAll { it.type.contains('" + RUN + "') }.count", equalTo(List.of(1, 2)))
                .body("types.findAll { it.type.contains('" + RUN + "') }.type", equalTo(List.of(CLOSED, OPENED)));
    }

    @Test
    void timeseries_shouldCutUtcDays_whenDatabaseAndJvmZonesAreNotUtc() {
        given().queryParam("type", OPENED).queryParam("interval", "day")
                .queryParam("from", "2015-01-01T00:00:00Z").queryParam("to", "2015-01-03T00:00:00Z")
                .when().get("/stats/timeseries")
                .then().statusCode(200)
                .body("buckets.start", equalTo(List.of("2015-01-01T00:00:00Z", "2015-01-02T00:00:00Z")))
                .body("buckets.count", equalTo(List.of(1, 1)));
    }

    @Test
    void timeseries_shouldBucketByMinute_whenIntervalIsMinute() {
        given().queryParam("type", CLOSED).queryParam("interval", "minute")
                .when().get("/stats/timeseries")
                .then().statusCode(200)
                .body("buckets.start", equalTo(List.of("2015-01-01T00:01:00Z")));
    }

    @Test
    void lag_shouldReportNewestEventAndBacklog_whenEventsProjected() {
        given().when().get("/stats/lag")
                .then().statusCode(200)
                .body("newestReceivedAt", matchesPattern(RFC_3339_WITH_SECONDS))
                .body("queueBacklog", greaterThanOrEqualTo(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/events?limit=abc|limit|invalid_number",
            "/events?limit=0|limit|out_of_range",
            "/events?from=2015-01-01T00:00Z|from|invalid_timestamp",
            "/events?from=2015-01-02T00:00:00Z&to=2015-01-01T00:00:00Z|to|out_of_range",
            "/events?data={bad|data|invalid_json",
            "/events?after=bm90LWEtY3Vyc29y|after|invalid_cursor",
            "/events?order=sideways|order|invalid_value",
            "/events/lookup?source=/x|id|missing_parameter",
            "/streams/s/events?fromSequence=0|fromSequence|out_of_range",
            "/stats/timeseries?interval=week|interval|invalid_value",
            "/stats/types?to=yesterday|to|invalid_timestamp"
    })
    void query_shouldAnswerProblem_whenParameterInvalid(String path, String field, String code) {
        given().urlEncodingEnabled(true)
                .when().get(path.replace("{", "%7B"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid query parameters"))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].code", equalTo(code))
                .body("errors[0].message", containsString(field));
    }

    @Test
    void events_shouldCapLimit_whenLimitAboveCap() {
        given().queryParam("limit", 5000).queryParam("source", SOURCE)
                .when().get("/events")
                .then().statusCode(200)
                .body("limit", equalTo(1000));
    }

    @Test
    void events_shouldReturnEveryMatchOnce_whenPagingWhileEventsArrive() {
        // GIVEN 120 events in 6 streams with shuffled times, and a producer that keeps adding events
        String source = "/paging/" + UUID.randomUUID();
        Random random = new Random(6);
        List<StoredEvent> initial = pagingEvents(source, "paging-a-", 120, random);
        TestQueue queue = new TestQueue(sqs, config.queueUrl());
        queue.send(initial);
        await().atMost(PROJECTED_WITHIN).until(() -> ProjectionDeliveryTest.eventsOfSource(source).size() == 120);

        // WHEN walking pages of 7 while 10 more events (earlier and later times) arrive before each page
        List<String> seen = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        int page = 0;
        do {
            queue.send(pagingEvents(source, "paging-b" + page++ + "-", 10, random));
            var request = given().queryParam("source", source).queryParam("limit", 7);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonPath body = request.get("/events").then().statusCode(200).extract().jsonPath();
            seen.addAll(body.getList("events.id", String.class));
            after = body.getString("next");
        } while (after != null && cursors.add(after));

        // THEN every event that existed is returned exactly once, and no event twice
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(initial.stream().map(StoredEvent::id).toList());
    }

    @Test
    void health_shouldBeReady_whenPostgresAndSqsAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("SQS projection queue"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    @Test
    void metrics_shouldPublishProjectionCounters_whenScraped() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("projection_events_projected_total"))
                .body(containsString("projection_batch_size"));
    }

    @Test
    void openApi_shouldDescribeQueryApi_whenRequested() {
        given().when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/events/lookup"));
    }

    /** Regression: the OpenAPI document declared only the 200 answers, so generated clients knew no error shape. */
    @Test
    void openApi_shouldDeclareProblemAnswers_forBadParametersAndUnknownEvents() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/events'.get.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        containsString("Problem"))
                .body("paths.'/events/lookup'.get.responses.'404'.content.'application/problem+json'.schema.'$ref'",
                        containsString("Problem"))
                .body("paths.'/streams/{subject}/events'.get.responses", hasKey("404"))
                // Declaring the errors must not drop the answers themselves (it did, in the first try).
                .body("paths.'/events'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        containsString("Events"))
                .body("paths.'/events/lookup'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        containsString("ProjectedEvent"))
                .body("paths.'/streams/{subject}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        containsString("StreamSummary"))
                .body("paths.'/stats/timeseries'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        containsString("Timeseries"));
    }

    /** Events spread over six streams, with times in random order inside one day. */
    private static List<StoredEvent> pagingEvents(String source, String prefix, int count, Random random) {
        List<StoredEvent> events = new ArrayList<>();
        Instant day = Instant.parse("2016-03-01T00:00:00Z");
        List<Integer> seconds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seconds.add(random.nextInt(86_400));
        }
        Collections.shuffle(seconds, random);
        for (int i = 0; i < count; i++) {
            String stream = prefix + (i % 6) + "-" + source.hashCode();
            events.add(TestEvents.stored(stream, i / 6 + 1, source, prefix + i, "com.example.Paged",
                    Timestamps.format(day.plusSeconds(seconds.get(i))), "{\"i\":" + i + "}"));
        }
        return events;
    }
}
