package dev.eventpipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs comparisons one after the other: set up, warm up, then system and baseline interleaved, and the medians.
 */
public final class BenchRunner {

    private final int repetitions;
    private final Consumer<String> progress;

    /**
     * @param repetitions how often each side is measured; odd numbers give a true median
     * @param progress receives one line per step, so that a long run shows where it is
     */
    public BenchRunner(int repetitions, Consumer<String> progress) {
        this.repetitions = repetitions;
        this.progress = progress;
    }

    public Row run(Comparison comparison) throws Exception {
        progress.accept("bench: " + comparison.metric() + ": setting up");
        comparison.setUp();
        progress.accept("bench: " + comparison.metric() + ": warming up");
        comparison.warmUp();
        List<Double> system = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int i = 1; i <= repetitions; i++) {
            system.add(comparison.measureSystem());
            baseline.add(comparison.measureBaseline());
            progress.accept(String.format("bench: %s: repetition %d/%d: system %.1f, baseline %.1f %s",
                    comparison.metric(), i, repetitions, system.get(i - 1), baseline.get(i - 1), comparison.unit()));
        }
        double systemMedian = median(system);
        double baselineMedian = median(baseline);
        return new Row(comparison.metric(), comparison.baseline(), comparison.unit(), systemMedian, baselineMedian,
                systemMedian / baselineMedian, comparison.targetRatio(), comparison.higherIsBetter(), system, baseline);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
