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

    /** The metric, e.g. {@code ingest events/s}. */
    String metric();

    /** What the baseline is, e.g. {@code raw TransactWriteItems loop}. */
    String baseline();

    /** The unit of both figures, e.g. {@code events/s} or {@code ms}. */
    String unit();

    /**
     * The target for system / baseline: at least this ratio when {@link #higherIsBetter()}, at most it otherwise.
     */
    double targetRatio();

    /** Throughputs are better higher; latencies, startup times and memory lower. */
    boolean higherIsBetter();

    void setUp() throws Exception;

    void warmUp() throws Exception;

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
