package dev.eventpipeline.bench.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Drives one SDK call from a fixed number of threads for a fixed time and reports calls per second. Bounded by time:
 * each thread stops at the deadline after its call in flight.
 */
final class SdkLoad implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;
    private final AtomicLong sequence = new AtomicLong();

    SdkLoad(int threads) {
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /** Runs {@code call} (given a unique number per call) for {@code duration}; returns calls per second. */
    double run(Duration duration, LongConsumer call) throws Exception {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<Long>> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(pool.submit(() -> {
                long calls = 0;
                while (System.nanoTime() < deadline) {
                    call.accept(sequence.incrementAndGet());
                    calls++;
                }
                return calls;
            }));
        }
        long total = 0;
        for (Future<Long> worker : workers) {
            total += worker.get();
        }
        return total / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
