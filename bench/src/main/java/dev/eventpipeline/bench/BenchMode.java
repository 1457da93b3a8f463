package dev.eventpipeline.bench;

import java.time.Duration;

/**
 * How long a run measures: {@code quick} (about five minutes for the whole table, three repetitions of shorter
 * rounds) or {@code full} (within twenty minutes, five repetitions). Read from the system property
 * {@value #PROPERTY}, which the one-command runner {@link PipelineBench} passes to every area; an area main run on
 * its own measures in full.
 */
public enum BenchMode {

    QUICK(3, 0.3),
    FULL(5, 1.0);

    public static final String PROPERTY = "bench.mode";

    private final int repetitions;
    private final double scale;

    BenchMode(int repetitions, double scale) {
        this.repetitions = repetitions;
        this.scale = scale;
    }

    public static BenchMode current() {
        String mode = System.getProperty(PROPERTY, "full");
        return switch (mode) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException(PROPERTY + "=" + mode + " is not a mode: use quick or full");
        };
    }

    /** Interleaved repetitions per side; odd, so the median is one of them. */
    public int repetitions() {
        return repetitions;
    }

    /** A count of work for one round, e.g. rows or events per repetition, scaled to the mode; never below 1. */
    public int scaled(int fullCount) {
        return Math.max(1, (int) Math.round(fullCount * scale));
    }

    /** A duration of one round, scaled to the mode. */
    public Duration scaled(Duration full) {
        return Duration.ofMillis(Math.max(1, Math.round(full.toMillis() * scale)));
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
