package dev.eventpipeline.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** The projection's meters, published on {@code /q/metrics} in Prometheus form. */
@ApplicationScoped
public class ProjectionMetrics {

    private final Counter projected;
    private final Counter duplicates;
    private final Counter held;
    private final Counter rejected;
    private final Counter failedBatches;
    private final DistributionSummary batchSize;
    private final AtomicReference<Instant> newestReceivedAt = new AtomicReference<>();

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    public ProjectionMetrics(MeterRegistry registry) {
        projected = counter(registry, "projection.events.projected",
                "Events inserted into the event log");
        duplicates = counter(registry, "projection.duplicates.ignored",
                "Redelivered, duplicated or replayed events that changed nothing");
        held = counter(registry, "projection.events.held",
                "Receives of events held back behind a gap in their stream");
        rejected = counter(registry, "projection.messages.rejected",
                "Receives of messages that are not a stored event; the redrive policy moves them to the DLQ");
        failedBatches = counter(registry, "projection.batches.failed",
                "Batches whose transaction failed; their messages come back after the visibility timeout");
        batchSize = DistributionSummary.builder("projection.batch.size")
                .description("Messages per received batch")
                .register(registry);
        registry.gauge("projection.lag.seconds", newestReceivedAt, ProjectionMetrics::lagSeconds);
    }

    public void batch(int messages, ProjectedBatch batch) {
        batchSize.record(messages);
        projected.increment(batch.inserted());
        duplicates.increment(batch.count(Outcome.DUPLICATE) + batch.count(Outcome.PROJECTED) - batch.inserted());
        held.increment(batch.count(Outcome.HELD));
    }

    public void rejected() {
        rejected.increment();
    }

    public void failedBatch() {
        failedBatches.increment();
    }

    /** Records the ingest time of a projected event, from which the lag gauge is computed. */
    public void projectedReceivedAt(Instant receivedAt) {
        newestReceivedAt.accumulateAndGet(receivedAt, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    public double heldCount() {
        return held.count();
    }

    public double rejectedCount() {
        return rejected.count();
    }

    private static double lagSeconds(AtomicReference<Instant> newest) {
        Instant receivedAt = newest.get();
        return receivedAt == null ? Double.NaN : Duration.between(receivedAt, Instant.now()).toMillis() / 1000.0;
    }
}
