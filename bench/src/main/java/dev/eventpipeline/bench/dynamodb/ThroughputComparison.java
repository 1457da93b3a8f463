package dev.eventpipeline.bench.dynamodb;

import dev.eventpipeline.bench.Comparison;

/** A throughput row whose two sides are given as measurements; set-up is shared and done by the bench main. */
final class ThroughputComparison implements Comparison {

    /** One measured repetition, in calls per second. */
    @FunctionalInterface
    interface Measurement {
        double measure() throws Exception;
    }

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
    public String metric() {
        return metric;
    }

    @Override
    public String baseline() {
        return baseline;
    }

    @Override
    public String unit() {
        return "calls/s";
    }

    @Override
    public double targetRatio() {
        return target;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public void setUp() {
        // The bench main starts the endpoint, the baseline server and the clients once for all rows.
    }

    @Override
    public void warmUp() throws Exception {
        system.measure();
        raw.measure();
    }

    @Override
    public double measureSystem() throws Exception {
        return system.measure();
    }

    @Override
    public double measureBaseline() throws Exception {
        return raw.measure();
    }
}
