package dev.eventpipeline.bench.dynamodb;

import java.time.Duration;

import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.Comparison;

/** A throughput row whose two sides are given as measurements; set-up is shared and done by the bench main. */
final class ThroughputComparison implements Comparison {

    /** One run of the given length, in calls per second. */
    @FunctionalInterface
    interface Measurement {
        double measure(Duration duration) throws Exception;
    }

    /** Each row gets a short warm-up of its own; the bench main warms the JIT up once for all rows. */
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration REPETITION = Duration.ofSeconds(BenchMode.current() == BenchMode.QUICK ? 1 : 2);

    private final String metric;
    private final String baseline;
    private final double target;
    private final Measurement system;
    private final Measurement raw;

    ThroughputComparison(String metric, String baseline, double target, Measurement system, Measurement raw) {
        this.metric = metric;
        this.baseline = baseline;
        this.target = target;
        this.system = system;
        this.raw = raw;
    }

    @Override
    public Spec spec() {
        return new Spec(metric, baseline, "calls/s",
                target, true);
    }

    @Override
    public void setUp() {
        // The bench main starts the endpoint, the baseline server and the clients once for all rows.
    }

    @Override
    public void warmUp() throws Exception {
        system.measure(WARM_UP);
        raw.measure(WARM_UP);
    }

    @Override
    public double measureSystem() throws Exception {
        return system.measure(REPETITION);
    }

    @Override
    public double measureBaseline() throws Exception {
        return raw.measure(REPETITION);
    }
}
