package dev.eventpipeline.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchRunnerTest {

    /** Records the order of calls and returns scripted figures. */
    private static final class Scripted implements Comparison {

        final List<String> calls = new ArrayList<>();
        private final double[] system;
        private final double[] baseline;
        private final boolean higherIsBetter;
        private int run;
        private int baselineRun;

        Scripted(boolean higherIsBetter, double[] system, double[] baseline) {
            this.higherIsBetter = higherIsBetter;
            this.system = system;
            this.baseline = baseline;
        }

        public Spec spec() {
            return new Spec("scripted", "raw", "ops/s", higherIsBetter ? 0.8 : 1.2, higherIsBetter);
        }

        public void setUp() {
            calls.add("setUp");
        }

        public void warmUp() {
            calls.add("warmUp");
        }

        public double measureSystem() {
            calls.add("A");
            return system[run++];
        }

        public double measureBaseline() {
            calls.add("B");
            return baseline[baselineRun++];
        }
    }

    @Test
    void run_shouldInterleaveSystemAndBaseline_afterOneWarmUp() throws Exception {
        Scripted scripted = new Scripted(true, new double[] { 1, 2, 3 }, new double[] { 1, 2, 3 });

        new BenchRunner(3, line -> {
        }).run(scripted);

        assertThat(scripted.calls).containsExactly("setUp", "warmUp", "A", "B", "A", "B", "A", "B");
    }

    @Test
    void run_shouldReportMediansAndTheirRatio_notMeans() throws Exception {
        Scripted scripted = new Scripted(true, new double[] { 90, 10, 80 }, new double[] { 100, 100, 1000 });

        Row row = new BenchRunner(3, line -> {
        }).run(scripted);

        assertThat(row.system()).isEqualTo(80);
        assertThat(row.baselineFigure()).isEqualTo(100);
        assertThat(row.ratio()).isEqualTo(0.8);
        assertThat(row.passed()).isTrue();
    }

    @Test
    void passed_shouldFail_whenALatencyIsAboveItsTarget() throws Exception {
        Scripted scripted = new Scripted(false, new double[] { 130 }, new double[] { 100 });

        Row row = new BenchRunner(1, line -> {
        }).run(scripted);

        assertThat(row.passed()).isFalse();
        assertThat(new BenchReport(List.of(row), Map.of(), Instant.EPOCH).text()).contains("1.30x").contains("<= 1.20x")
                .contains("FAIL");
    }
}
