package dev.eventpipeline.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.localstack.LocalPipeline;
import dev.eventpipeline.localstack.LocalPipelineOptions;
import dev.eventpipeline.localstack.replay.Replay;
import dev.eventpipeline.localstack.replay.ReplayOptions;
import dev.eventpipeline.localstack.replay.ReplaySummary;
import dev.eventpipeline.model.SampleEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline as a user meets it: started from the SAM template with the packaged functions and service, fed the
 * recorded GH Archive hour through the producers' HTTP API twice, and checked through the analysts' query API only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;

    static LocalPipeline pipeline;
    static PrintStream pipelineLog;
    static URI queryApi;
    static List<String> lines;

    @BeforeAll
    static void startPipeline() throws IOException {
        Path project = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        // Every line of the functions and the service: kept in a file beside the test reports, read it when a test fails.
        Path logFile = Path.of("target", "local-pipeline.log");
        pipelineLog = new PrintStream(java.nio.file.Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
        System.out.println("local pipeline log: " + logFile.toAbsolutePath());
        pipeline = LocalPipeline.start(new LocalPipelineOptions(project, data, true, false,
                LocalPipelineOptions.Ports.EPHEMERAL, "us-east-1"), pipelineLog::println);
        queryApi = URI.create(pipeline.endpoints().get("Query API (analysts)"));
        lines = SampleEvents.lines();
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (pipelineLog != null) {
            pipelineLog.close();
        }
    }

    @Test
    @Order(1)
    void replay_shouldStoreEveryRecordedEvent_andProjectItOnce() {
        ReplaySummary summary = replay();

        assertThat(summary.accepted()).isEqualTo(7702);
        assertThat(summary.rejections()).isZero();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(projectedCount()).isEqualTo(7702));
    }

    @Test
    @Order(2)
    void countsPerType_shouldEqualTheFile() {
        Map<String, Long> expected = new TreeMap<>();
        lines.forEach(line -> expected.merge(read(line).get("type").asText(), 1L, Long::sum));

        assertThat(typeCounts()).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void everyStream_shouldHoldSequencesOneToN_inTheFileOrderOfItsRepository() {
        Map<String, List<String>> idsBySubject = new LinkedHashMap<>();
        lines.forEach(line -> {
            JsonNode event = read(line);
            idsBySubject.computeIfAbsent(event.get("repo").get("name").asText(), s -> new ArrayList<>())
                    .add(event.get("id").asText());
        });
        List<String> wrong = new ArrayList<>();

        idsBySubject.forEach((subject, ids) -> {
            JsonNode events = get("/streams/" + encodePath(subject) + "/events?limit=1000").get("events");
            List<String> projected = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).get("sequence").asLong() != i + 1) {
                    wrong.add(subject + ": sequence " + events.get(i).get("sequence") + " at position " + (i + 1));
                }
                projected.add(events.get(i).get("id").asText());
            }
            if (!projected.equals(ids)) {
                wrong.add(subject + ": " + projected + " instead of " + ids);
            }
        });

        assertThat(wrong).isEmpty();
    }

    @Test
    @Order(4)
    void sampledEvents_shouldReturnDataExactlyAsInTheFile() {
        List<String> differ = new ArrayList<>();

        for (int i = 0; i < lines.size(); i += 97) {
            String line = lines.get(i);
            String event = getText("/events/lookup?source=" + encodeQuery(SampleEvents.SOURCE) + "&id="
                    + encodeQuery(read(line).get("id").asText()));
            String data = rawMember(event, "data");
            if (!line.equals(data)) {
                differ.add("line " + (i + 1));
            }
        }

        assertThat(differ).isEmpty();
    }

    @Test
    @Order(5)
    void secondReplay_shouldAnswerEveryEventAsDuplicate_andChangeNothing() {
        Map<String, Long> before = typeCounts();

        ReplaySummary summary = replay();

        assertThat(summary.duplicates()).isEqualTo(7702);
        assertThat(summary.accepted()).isZero();
        assertThat(summary.rejections()).isZero();
        assertThat(typeCounts()).isEqualTo(before);
        assertThat(projectedCount()).isEqualTo(7702);
    }

    private static ReplaySummary replay() {
        String httpApi = pipeline.endpoints().get("HTTP API (producers)");
        ReplayOptions options = ReplayOptions.parse(SampleEvents.file().toString(), "--url", httpApi + "/events/batch",
                "--subject", "$.repo.name", "--time", "$.created_at", "--source-value", SampleEvents.SOURCE);
        return Replay.replay(options, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    private static long projectedCount() {
        return typeCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> typeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        get("/stats/types").get("types").forEach(type -> counts.put(type.get("type").asText(), type.get("count").asLong()));
        return counts;
    }

    /** A member of a JSON object exactly as the API wrote it: no number or string goes through Java types. */
    private static String rawMember(String json, String name) {
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                int start = (int) p.currentTokenLocation().getCharOffset();
                if (value.isStructStart()) {
                    p.skipChildren();
                } else {
                    p.finishToken();
                }
                if (field.equals(name)) {
                    return json.substring(start, (int) p.currentLocation().getCharOffset());
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode get(String pathAndQuery) {
        return read(getText(pathAndQuery));
    }

    private static String getText(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(queryApi.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encodePath(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
