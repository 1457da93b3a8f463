package dev.eventpipeline.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import dev.eventpipeline.ingest.store.AppendThrottledException;
import dev.eventpipeline.ingest.store.DuplicateEventConflictException;
import dev.eventpipeline.ingest.store.EventStore;
import dev.eventpipeline.ingest.store.ExpectedSequenceMismatchException;
import dev.eventpipeline.ingest.store.StreamContentionException;
import dev.eventpipeline.model.BatchEntry;
import dev.eventpipeline.model.Event;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Appends read events and turns every way an append can end into an {@link Outcome}, logged once. Nothing an append
 * throws reaches the HTTP layer as an exception, so one failing event of a batch never sinks the others.
 */
@Singleton
class EventIngest {

    /** A hot stream usually calms within a second; a short delay keeps the producer's order close to arrival. */
    static final int CONTENTION_RETRY_AFTER_SECONDS = 1;
    /** Throttling outlasted the SDK's backoff, so give DynamoDB's adaptive capacity a few seconds. */
    static final int THROTTLED_RETRY_AFTER_SECONDS = 2;
    /** DynamoDB could not be reached at all. */
    static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    /**
     * How many subjects of one batch are appended at the same time. DynamoDB's latency, not this function's CPU, bounds
     * a batch, so a few threads in a small Lambda are enough; more would only queue on the HTTP client.
     */
    static final int BATCH_PARALLEL_SUBJECTS = 8;

    /** Invalid events have no subject; their group key cannot collide with one, as subjects hold no control characters. */
    private static final String INVALID_GROUP = "\u0000invalid";

    private final EventStore store;
    private final ExecutorService batchWorkers = Executors.newFixedThreadPool(BATCH_PARALLEL_SUBJECTS, worker -> {
        Thread thread = new Thread(worker, "ingest-batch");
        thread.setDaemon(true);
        return thread;
    });

    EventIngest(EventStore store) {
        this.store = store;
    }

    /** Appends one event and logs its outcome. */
    Outcome append(Event event) {
        long started = System.nanoTime();
        Outcome outcome = tryAppend(event);
        RequestLog.event(outcome, started);
        return outcome;
    }

    /**
     * Judges each event of a batch on its own and answers in request order. Events of one subject are appended one
     * after the other in the order sent, so they get their sequences in that order; different subjects proceed in
     * parallel, since a 500-event batch appended one by one could outlast API Gateway's 30-second timeout.
     */
    List<Outcome> appendAll(List<BatchEntry> entries) {
        long started = System.nanoTime();
        Outcome[] outcomes = new Outcome[entries.size()];
        List<CompletableFuture<Void>> streams = indexesBySubject(entries).stream()
                .map(indexes -> CompletableFuture.runAsync(
                        () -> indexes.forEach(i -> outcomes[i] = append(entries.get(i))), batchWorkers))
                .toList();
        streams.forEach(CompletableFuture::join);
        List<Outcome> inOrder = List.of(outcomes);
        RequestLog.batch(inOrder, started);
        return inOrder;
    }

    @PreDestroy
    void stopBatchWorkers() {
        batchWorkers.shutdown();
    }

    /** The positions of the batch's events grouped by subject, in request order; invalid events form their own group. */
    private static Collection<List<Integer>> indexesBySubject(List<BatchEntry> entries) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            BatchEntry entry = entries.get(i);
            String subject = entry.isValid() ? entry.event().subject() : INVALID_GROUP;
            groups.computeIfAbsent(subject, key -> new ArrayList<>()).add(i);
        }
        return groups.values();
    }

    private Outcome append(BatchEntry entry) {
        if (entry.isValid()) {
            return append(entry.event());
        }
        Outcome rejected = Outcome.rejected(null, Problems.invalidEvent(entry.violations()));
        RequestLog.event(rejected, System.nanoTime());
        return rejected;
    }

    private Outcome tryAppend(Event event) {
        try {
            return Outcome.stored(event, store.append(event, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        } catch (DuplicateEventConflictException e) {
            return Outcome.rejected(event, Problems.duplicateConflict(e));
        } catch (ExpectedSequenceMismatchException e) {
            return Outcome.rejected(event, Problems.sequenceMismatch(e));
        } catch (StreamContentionException e) {
            return Outcome.retryLater(event, Problems.contention(e), CONTENTION_RETRY_AFTER_SECONDS, null);
        } catch (AppendThrottledException e) {
            return Outcome.retryLater(event, Problems.throttled(e), THROTTLED_RETRY_AFTER_SECONDS, null);
        } catch (SdkClientException e) {
            return Outcome.retryLater(event, Problems.unavailable("DynamoDB could not be reached; event '" + event.id()
                    + "' was not stored; send it again after the Retry-After delay"), UNAVAILABLE_RETRY_AFTER_SECONDS, e);
        } catch (RuntimeException e) {
            return Outcome.failed(event, Problems.internal("event '" + event.id()
                    + "' was not stored because of a failure inside the ingest service; it is logged"), e);
        }
    }
}
