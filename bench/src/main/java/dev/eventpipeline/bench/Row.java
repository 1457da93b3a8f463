package dev.eventpipeline.bench;

import java.util.List;

/**
 * A measured row: the medians of the repetitions and their ratio against the target.
 *
 * @param systemRuns every repetition of the system, in order
 * @param baselineRuns every repetition of the baseline, in order
 */
public record Row(String metric, String baseline, String unit, double system, double baselineFigure, double ratio,
        double target, boolean higherIsBetter, List<Double> systemRuns, List<Double> baselineRuns) {

    public boolean passed() {
        return higherIsBetter ? ratio >= target : ratio <= target;
    }

    /** The target as the table prints it: {@code >= 0.80x} or {@code <= 1.20x}. */
    public String targetText() {
        return (higherIsBetter ? ">= " : "<= ") + String.format("%.2fx", target);
    }
}
