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

    public ProjectionMetrics(MeterRegistry registry) {
        projected = Counter.builder("projection.events.projected")
                .description("Events inserted into the event log")
                .register(registry);
        duplicates = Counter.builder("projection.duplicates.ignored")
                .description("Redelivered, duplicated or replayed events that changed nothing")
                .register(registry);
        held = Counter.builder("projection.events.held")
                .description("Receives of events held back behind a gap in their stream")
                .register(registry);
        rejected = Counter.builder("projection.messages.rejected")
                .description("Receives of messages that are not a stored event; the redrive policy moves them to the DLQ")
                .register(registry);
        failedBatches = Counter.builder("projection.batches.failed")
                .description("Batches whose transaction failed; their messages come back after the visibility timeout")
                .register(registry);
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
