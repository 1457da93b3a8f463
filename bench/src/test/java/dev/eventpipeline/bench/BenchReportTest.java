package dev.eventpipeline.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    private static Row throughput(double system, double baseline) {
        return new Row("ingest events/s", "raw loop", "events/s", system, baseline, system / baseline, 0.8, true,
                List.of(system), List.of(baseline));
    }

    /** Regression: a full run printed "0.80x ... >= 0.80x FAIL" for 132 against 165 events/s (0.798x). */
    @Test
    void ratio_showsThreeDecimals_whenTwoWouldPrintTheTargetOfAMissedRow() {
        assertThat(BenchReport.ratio(throughput(131.7, 165))).isEqualTo("0.798x");
    }

    @Test
    void ratio_showsTwoDecimals_otherwise() {
        assertThat(BenchReport.ratio(throughput(132.1, 165))).isEqualTo("0.80x");
        assertThat(BenchReport.ratio(throughput(100, 165))).isEqualTo("0.61x");
    }

    /** Regression: two rows named "projection writer rows/s" printed alike; only their baselines tell them apart. */
    @Test
    void text_namesEachRowsBaseline() {
        Row copy = new Row("projection writer rows/s", "binary COPY", "rows/s", 10, 40, 0.25, 0.25, true, List.of(10.0),
                List.of(40.0));
        Row pgbench = new Row("projection writer rows/s", "pgbench, identical statements", "rows/s", 10, 20, 0.5, 0.85,
                true, List.of(10.0), List.of(20.0));

        String text = new BenchReport(List.of(copy, pgbench), java.util.Map.of(), java.time.Instant.now()).text();

        assertThat(text).contains("baseline: binary COPY", "baseline: pgbench, identical statements");
    }
}
