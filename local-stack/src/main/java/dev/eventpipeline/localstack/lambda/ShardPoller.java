package dev.eventpipeline.localstack.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads one shard along its iterator chain and delivers its records in order, one batch at a time: the next batch is
 * invoked only when the previous one succeeded, went to the on-failure destination, or expired. A failing batch is
 * retried, bisected or cut at its first reported item failure as {@link StreamMappingConfig} says.
 */
final class ShardPoller {

    private static final Logger LOG = Logger.getLogger(ShardPoller.class);
    /** Lambda polls each shard about four times a second. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
    /** GetRecords returns at most 1,000 records. */
    private static final int MAX_GET_RECORDS = 1000;

    private final StreamMappingConfig config;
    private final DynamoDbStreamsClient streams;
    private final FunctionInvoker function;
    private final OnFailureDestination onFailure;
    private final ShardCheckpoints checkpoints;
    private final String shardId;
    private ShardIteratorType startAt;
    private String lastFetchedSequence;

    ShardPoller(StreamMappingConfig config, DynamoDbStreamsClient streams, FunctionInvoker function,
            OnFailureDestination onFailure, ShardCheckpoints checkpoints, String shardId, ShardIteratorType startAt) {
        this.config = config;
        this.streams = streams;
        this.function = function;
        this.onFailure = onFailure;
        this.checkpoints = checkpoints;
        this.shardId = shardId;
        this.startAt = startAt;
        this.lastFetchedSequence = checkpoints.lastSequence(shardId).orElse(null);
    }

    /**
     * Polls until the shard is closed and every record delivered.
     *
     * @throws InterruptedException when the mapping stops
     */
    void run() throws InterruptedException {
        LOG.infof("stream mapping of %s: reading shard %s from %s", config.eventSourceArn(), shardId,
                lastFetchedSequence == null ? startAt : "after checkpoint " + lastFetchedSequence);
        String iterator = resumeIterator();
        Deque<Record> pending = new ArrayDeque<>();
        while (iterator != null || !pending.isEmpty()) {
            iterator = fill(iterator, pending);
            if (!pending.isEmpty()) {
                deliver(takeBatch(pending), 0);
            }
        }
        LOG.infof("stream mapping of %s: shard %s closed and fully delivered", config.eventSourceArn(), shardId);
    }

    /** Reads until a batch is full, the batching window has passed since the first record, or the shard closed. */
    private String fill(String iterator, Deque<Record> pending) throws InterruptedException {
        Instant windowEnd = null;
        String next = iterator;
        while (next != null && pending.size() < config.batchSize()) {
            GetRecordsResponse response = getRecords(next, config.batchSize() - pending.size());
            if (response == null) {
                next = resumeIterator();
                continue;
            }
            next = response.nextShardIterator();
            addAll(pending, response.records());
            if (!pending.isEmpty() && windowEnd == null) {
                windowEnd = Instant.now().plus(config.maximumBatchingWindow());
            }
            if (windowEnd != null && !Instant.now().isBefore(windowEnd)) {
                return next;
            }
            if (response.records().isEmpty()) {
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        return next;
    }

    private void addAll(Deque<Record> pending, List<Record> records) {
        pending.addAll(records);
        if (!records.isEmpty()) {
            lastFetchedSequence = records.get(records.size() - 1).dynamodb().sequenceNumber();
        }
    }

    /** One GetRecords call; null after a failure, which is logged, so that the caller renews its iterator. */
    private GetRecordsResponse getRecords(String iterator, int wanted) throws InterruptedException {
        try {
            return streams.getRecords(request -> request.shardIterator(iterator)
                    .limit(Math.min(MAX_GET_RECORDS, wanted)));
        } catch (SdkException e) {
            LOG.warnf("stream mapping of %s shard %s: GetRecords failed, renewing the iterator in %d ms: %s",
                    config.eventSourceArn(), shardId, ERROR_PAUSE.toMillis(), e.getMessage());
            Thread.sleep(ERROR_PAUSE.toMillis());
            return null;
        }
    }

    /** An iterator after the last record read, or at the starting position before any; retried until it works. */
    private String resumeIterator() throws InterruptedException {
        while (true) {
            try {
                return streams.getShardIterator(request -> request.streamArn(config.eventSourceArn())
                        .shardId(shardId)
                        .shardIteratorType(lastFetchedSequence == null ? startAt : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(lastFetchedSequence))
                        .shardIterator();
            } catch (TrimmedDataAccessException e) {
                LOG.warnf("stream mapping of %s shard %s: records after %s have aged out of the stream; reading from "
                        + "the oldest record kept", config.eventSourceArn(), shardId, lastFetchedSequence);
                lastFetchedSequence = null;
                startAt = ShardIteratorType.TRIM_HORIZON;
            } catch (SdkException e) {
                LOG.warnf("stream mapping of %s shard %s: GetShardIterator failed, retrying in %d ms: %s",
                        config.eventSourceArn(), shardId, ERROR_PAUSE.toMillis(), e.getMessage());
                Thread.sleep(ERROR_PAUSE.toMillis());
            }
        }
    }

    private List<Record> takeBatch(Deque<Record> pending) {
        List<Record> batch = new ArrayList<>();
        while (!pending.isEmpty() && batch.size() < config.batchSize()) {
            batch.add(pending.pollFirst());
        }
        return batch;
    }

    /**
     * Delivers the records, retrying from the first reported item failure, bisecting on function errors, and giving up
     * to the on-failure destination when retries or record age run out.
     */
    private void deliver(List<Record> batch, int retriesSoFar) throws InterruptedException {
        Delivery delivery = new Delivery(batch, retriesSoFar);
        while (!attempt(delivery)) {
            delivery.retries++;
            Duration backoff = backoff(delivery.retries);
            LOG.infof("stream mapping shard %s: batch %s failed (%s), retry %d in %d ms", shardId,
                    range(delivery.records), delivery.failure, delivery.retries, backoff.toMillis());
            Thread.sleep(backoff.toMillis());
        }
    }

    /** One invocation of the records; true when they are done with (delivered, given up or bisected). */
    private boolean attempt(Delivery delivery) throws InterruptedException {
        if (tooOld(delivery.records)) {
            giveUp(delivery, "RecordAgeExceeded");
            return true;
        }
        byte[] event = DynamoDbStreamEvent.write(delivery.records, config.eventSourceArn(), config.region());
        if (event.length > HttpApiGateway.MAX_PAYLOAD_BYTES && delivery.records.size() > 1) {
            // Lambda caps an event at 6 MB and trims a batch to fit; halving gets there the same way.
            bisect(delivery, "makes a " + event.length + " byte event, over Lambda's 6 MB limit");
            return true;
        }
        delivery.last = invoke(event);
        delivery.invokeCount++;
        BatchItemFailures outcome = outcome(delivery.last, delivery.records);
        if (outcome != null && outcome.allSucceeded()) {
            LOG.infof("stream mapping shard %s: batch %s delivered, request %s", shardId, range(delivery.records),
                    delivery.last.requestId());
            checkpointAfter(delivery.records.get(delivery.records.size() - 1));
            return true;
        }
        return failed(delivery, outcome);
    }

    /** After a failed invocation: cut at the first item failure or bisect, then give up if no retry is left. */
    private boolean failed(Delivery delivery, BatchItemFailures outcome) throws InterruptedException {
        delivery.failure = failure(delivery.last, outcome);
        if (outcome != null && outcome.retryFrom() >= 0) {
            retryFromItemFailure(delivery, outcome.retryFrom());
        } else if (config.bisectBatchOnFunctionError() && delivery.records.size() > 1) {
            bisect(delivery, "failed (" + delivery.failure + ")");
            return true;
        }
        if (config.maximumRetryAttempts() >= 0 && delivery.retries >= config.maximumRetryAttempts()) {
            giveUp(delivery, "RetryAttemptsExhausted");
            return true;
        }
        return false;
    }

    private void retryFromItemFailure(Delivery delivery, int retryFrom) {
        List<Record> records = delivery.records;
        LOG.infof("stream mapping shard %s: batch %s reported item failures, checkpoint before %s, request %s", shardId,
                range(records), sequence(records.get(retryFrom)), delivery.last.requestId());
        if (retryFrom > 0) {
            checkpointAfter(records.get(retryFrom - 1));
        }
        delivery.records = records.subList(retryFrom, records.size());
    }

    /** Delivers each half of the batch on its own, the first half first. */
    private void bisect(Delivery delivery, String why) throws InterruptedException {
        List<Record> records = delivery.records;
        int half = records.size() / 2;
        LOG.infof("stream mapping shard %s: batch %s %s, bisecting into %d and %d records", shardId, range(records), why,
                half, records.size() - half);
        deliver(records.subList(0, half), delivery.retries);
        deliver(records.subList(half, records.size()), delivery.retries);
    }

    private void giveUp(Delivery delivery, String condition) {
        List<Record> records = delivery.records;
        LOG.infof("stream mapping shard %s: batch %s given up (%s after %d invocations), checkpoint after it", shardId,
                range(records), condition, delivery.invokeCount);
        onFailure.send(shardId, records, condition, delivery.last, delivery.invokeCount);
        checkpointAfter(records.get(records.size() - 1));
    }

    private void checkpointAfter(Record record) {
        checkpoints.checkpoint(shardId, sequence(record));
    }

    private InvocationResult invoke(byte[] event) throws InterruptedException {
        try {
            return function.invoke(event).toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("function invocation of " + config.functionArn() + " failed to complete",
                    e.getCause());
        }
    }

    /** The item failures of a successful invocation; null when the invocation failed as a whole. */
    private BatchItemFailures outcome(InvocationResult result, List<Record> records) {
        if (!(result instanceof InvocationResult.Success success)) {
            return null;
        }
        return config.reportBatchItemFailures() ? BatchItemFailures.of(success.payload(), records)
                : new BatchItemFailures(-1, null);
    }

    private static String failure(InvocationResult result, BatchItemFailures outcome) {
        if (result instanceof InvocationResult.FunctionError error) {
            return error.errorType() + ": " + error.errorMessage();
        }
        if (result instanceof InvocationResult.Timeout) {
            return "timeout";
        }
        return outcome != null && outcome.invalidReason() != null ? outcome.invalidReason() : "item failures";
    }

    private boolean tooOld(List<Record> records) {
        if (config.maximumRecordAgeInSeconds() < 0) {
            return false;
        }
        Instant created = records.get(0).dynamodb().approximateCreationDateTime();
        return created != null && created.plusSeconds(config.maximumRecordAgeInSeconds()).isBefore(Instant.now());
    }

    /** Exponential from 200 ms, capped so that a retried batch is tried again within seconds. */
    private static Duration backoff(int retry) {
        long millis = 100L << Math.min(retry, 10);
        return Duration.ofMillis(Math.min(millis, MAX_RETRY_BACKOFF.toMillis()));
    }

    private static String range(List<Record> records) {
        return sequence(records.get(0)) + ".." + sequence(records.get(records.size() - 1)) + " (" + records.size()
                + " records)";
    }

    private static String sequence(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    /** The state of delivering one batch: the records still to deliver and how often that was tried. */
    private static final class Delivery {

        List<Record> records;
        int retries;
        int invokeCount;
        InvocationResult last;
        String failure;

        Delivery(List<Record> records, int retries) {
            this.records = records;
            this.retries = retries;
        }
    }
}
