package dev.eventpipeline.bench;

/**
 * One row of the benchmark table: a figure of the pipeline next to the raw baseline it is held against, measured in
 * the same run on the same machine.
 * <p>
 * The runner calls {@link #setUp()} once, {@link #warmUp()} once, then {@link #measureSystem()} and
 * {@link #measureBaseline()} alternately (A, B, A, B, ...) so that drift of the machine hits both alike, and reports
 * the medians. Each call measures one repetition and returns its figure in {@link #unit()}.
 */
public interface Comparison extends AutoCloseable {

    /**
     * What a row measures and what it is held against.
     *
     * @param metric the metric, e.g. {@code ingest events/s}
     * @param baseline what the baseline is, e.g. {@code raw TransactWriteItems loop}
     * @param unit the unit of both figures, e.g. {@code events/s} or {@code ms}
     * @param targetRatio the target for system / baseline: at least this ratio when {@code higherIsBetter}, at most it
     *        otherwise
     * @param higherIsBetter throughputs are better higher; latencies, startup times and memory lower
     */
    record Spec(String metric, String baseline, String unit, double targetRatio, boolean higherIsBetter) {
    }

    Spec spec();

    default String metric() {
        return spec().metric();
    }

    default String baseline() {
        return spec().baseline();
    }

    default String unit() {
        return spec().unit();
    }

    default double targetRatio() {
        return spec().targetRatio();
    }

    default boolean higherIsBetter() {
        return spec().higherIsBetter();
    }

    void setUp() throws Exception;

    /** One round of each side before the repetitions that count; a comparison that needs more overrides it. */
    default void warmUp() throws Exception {
        measureSystem();
        measureBaseline();
    }

    double measureSystem() throws Exception;

    double measureBaseline() throws Exception;

    /** Facts of the machine this row depends on, e.g. the PostgreSQL version and settings it ran against. */
    default java.util.Map<String, String> facts() {
        return java.util.Map.of();
    }

    @Override
    default void close() throws Exception {
    }
}
