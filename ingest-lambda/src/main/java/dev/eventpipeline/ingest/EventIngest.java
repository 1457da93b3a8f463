package dev.eventpipeline.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

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
@ApplicationScoped
public class EventIngest {

    /** A hot stream usually calms within a second; a short delay keeps the producer's order close to arrival. */
    static final int CONTENTION_RETRY_AFTER_SECONDS = 1;
    /** Throttling outlasted the SDK's backoff, so give DynamoDB's adaptive capacity a few seconds. */
    static final int THROTTLED_RETRY_AFTER_SECONDS = 2;
    /** DynamoDB could not be reached at all. */
    static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    private final EventStore store;

    EventIngest(EventStore store) {
        this.store = store;
    }

    /** Appends one event and logs its outcome. */
    public Outcome append(Event event) {
        long started = System.nanoTime();
        Outcome outcome = tryAppend(event);
        RequestLog.event(outcome, started);
        return outcome;
    }

    /**
     * Appends each valid event of a batch in request order, so events of one subject get their sequences in the order
     * sent, and rejects each invalid one on its own.
     */
    public List<Outcome> appendAll(List<BatchEntry> entries) {
        long started = System.nanoTime();
        List<Outcome> outcomes = entries.stream()
                .map(this::append)
                .toList();
        RequestLog.batch(outcomes, started);
        return outcomes;
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
