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
}
