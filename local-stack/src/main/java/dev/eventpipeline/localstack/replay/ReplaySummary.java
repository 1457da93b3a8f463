package dev.eventpipeline.localstack.replay;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Counts of what the ingest API answered, and why events were rejected. Thread-safe. */
public final class ReplaySummary {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final Map<String, Long> reasons = new TreeMap<>();

    void countAccepted() {
        accepted.increment();
    }

    void countDuplicate() {
        duplicate.increment();
    }

    void countRetried(int events) {
        retried.add(events);
    }

    synchronized void countRejected(String reason) {
        rejected.increment();
        reasons.merge(reason, 1L, Long::sum);
    }

    public long accepted() {
        return accepted.sum();
    }

    public long duplicates() {
        return duplicate.sum();
    }

    public long rejections() {
        return rejected.sum();
    }

    long done() {
        return accepted.sum() + duplicate.sum() + rejected.sum();
    }

    String progress(long read, double seconds) {
        return String.format("replay: %d read, %d done (%.0f events/s): %d accepted, %d duplicate, %d rejected, %d retried",
                read, done(), done() / Math.max(seconds, 0.001), accepted(), duplicates(), rejections(), retried.sum());
    }

    synchronized String reasons() {
        return reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed())
                .limit(20)
                .map(e -> String.format("  %6d  %s", e.getValue(), e.getKey()))
                .collect(Collectors.joining("\n"));
    }
}
