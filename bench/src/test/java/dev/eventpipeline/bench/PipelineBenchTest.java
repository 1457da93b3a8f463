package dev.eventpipeline.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineBenchTest {

    private static Row row(String metric, String baseline, double system, double baselineFigure) {
        return new Row(metric, baseline, "events/s", system, baselineFigure, system / baselineFigure, 0.8, true,
                List.of(system), List.of(baselineFigure));
    }

    @Test
    void readRows_returnsTheRowsAnAreaWrote(@TempDir Path folder) throws Exception {
        // GIVEN an area's report as BenchReport writes it (with derived fields such as passed and targetText)
        List<Row> written = List.of(row("ingest events/s (handler in-process)", "raw SDK loop", 110, 130),
                new Row("ingest cold start", "plain handler", "ms", 2400, 2000, 1.2, 1.2, false, List.of(2400.0, 2500.0),
                        List.of(2000.0, 2100.0)));
        new BenchReport(written, Map.of(), Instant.now()).write(folder);

        // WHEN the one-command runner reads it back
        List<Row> read = PipelineBench.readRows(folder.resolve("results.json"));

        // THEN every figure survives, so the combined table shows what the area measured
        assertThat(read).isEqualTo(written);
    }

    @Test
    void slowestStage_picksTheLowestRawStageBaseline_ignoringRowsThatAreNoStage() {
        List<Row> rows = List.of(
                row("PutItem/s, no stream", "JDK HTTP server", 3000, 5),
                row("ingest events/s (handler in-process)", "raw SDK loop", 110, 133),
                row("stream processor records/s", "raw SendMessageBatch loop", 1600, 1630),
                row("projection writer rows/s", "pgbench", 9000, 12000),
                row("projection queue drain messages/s", "raw receive-and-delete loop", 700, 1000));

        assertThat(PipelineBench.slowestStage(rows)).map(Row::baseline).contains("raw SDK loop");
    }

    @Test
    void loopback_refusesAnyHostButThisMachine() {
        assertThat(Loopback.require(URI.create("http://127.0.0.1:3000/events"))).hasHost("127.0.0.1");
        assertThat(Loopback.require(URI.create("http://localhost:8080"))).hasHost("localhost");

        assertThatThrownBy(() -> Loopback.require(URI.create("http://10.0.0.5:3000/events")))
                .hasMessageContaining("refusing http://10.0.0.5:3000/events");
        assertThatThrownBy(() -> Loopback.require(URI.create("https://example.com/events")))
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void benchMode_scalesQuickRunsDown_andRefusesUnknownModes() {
        assertThat(BenchMode.QUICK.scaled(7702)).isLessThan(BenchMode.FULL.scaled(7702));
        assertThat(BenchMode.FULL.scaled(7702)).isEqualTo(7702);
        assertThat(BenchMode.QUICK.repetitions()).isOdd();

        System.setProperty(BenchMode.PROPERTY, "fast");
        try {
            assertThatThrownBy(BenchMode::current).hasMessageContaining("use quick or full");
        } finally {
            System.clearProperty(BenchMode.PROPERTY);
        }
    }
}
