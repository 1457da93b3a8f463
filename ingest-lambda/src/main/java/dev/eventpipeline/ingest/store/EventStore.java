package dev.eventpipeline.ingest.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.EventItem;
import dev.eventpipeline.model.EventTables;
import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.model.Timestamps;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Appends events to DynamoDB: each event once, at the next sequence of its stream.
 * <p>
 * One append reads the event's deduplication record and its stream head with consistent reads, then writes three items
 * in one {@code TransactWriteItems}: the event item, the deduplication record and the new stream head, each
 * conditioned on what was read. DynamoDB applies all three or none, so a crash or a refused condition never leaves
 * half an append behind, and two producers that read the same head cannot both take the next sequence.
 * <p>
 * When the transaction is cancelled because the head moved (another producer appended first) or DynamoDB throttled
 * one of its items, the append starts over from fresh reads, a bounded number of times with jittered backoff.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html">DynamoDB
 *      transactions</a>
 */
public class EventStore {

    /** Attribute of a stream head item: the stream's last sequence (N). */
    public static final String LAST_SEQUENCE = "lastSequence";

    private static final Logger LOG = Logger.getLogger(EventStore.class);

    private static final int DEDUP_ITEM = 1;
    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    private static final List<String> THROTTLING_REASONS = List.of("ThrottlingError", "ProvisionedThroughputExceeded",
            "RequestLimitExceeded");
    private static final List<String> RETRYABLE_REASONS = List.of("None", CONDITIONAL_CHECK_FAILED, "TransactionConflict",
            "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");
    /**
     * How often the AWS SDK tries one DynamoDB request that fails with throttling or a server error: 3, where the SDK's
     * default for DynamoDB is 9 with up to 20 s of backoff. Together with {@code INGEST_APPEND_ATTEMPTS} that keeps the
     * worst case of one request within API Gateway's 30-second timeout, so the producer gets a 503 with
     * {@code Retry-After} rather than a gateway timeout without an answer.
     */
    public static final int SDK_ATTEMPTS = 3;

    private static final long BACKOFF_BASE_MILLIS = 10;
    private static final long BACKOFF_CAP_MILLIS = 400;

    private final DynamoDbClient dynamoDb;
    private final String eventsTable;
    private final String dedupTable;
    private final int appendAttempts;

    /**
     * @param dynamoDb the client, configured with {@link #retryStrategy()}: it retries throttled requests before this
     *        store sees them
     * @param eventsTable the table with one item per event
     * @param dedupTable the table with deduplication records and stream heads
     * @param appendAttempts how often one append is tried when the stream head moved or a transaction was throttled
     */
    public EventStore(DynamoDbClient dynamoDb, String eventsTable, String dedupTable, int appendAttempts) {
        if (appendAttempts < 1) {
            throw new IllegalArgumentException("appendAttempts must be at least 1, not " + appendAttempts
                    + "; set INGEST_APPEND_ATTEMPTS to a positive number");
        }
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
        this.dedupTable = dedupTable;
        this.appendAttempts = appendAttempts;
    }

    /**
     * Stores the event at the next sequence of its stream, or recognises it as a resend.
     *
     * @param event a valid event
     * @param receivedAt when ingest accepted it
     * @return the stored position, or the original's when the same event was stored before
     * @throws DuplicateEventConflictException when the {@code source} + {@code id} was stored with other content
     * @throws ExpectedSequenceMismatchException when {@code expectedsequence} differs from the stream's last sequence
     * @throws StreamContentionException when the stream head moved on every attempt
     * @throws AppendThrottledException when DynamoDB kept throttling
     */
    public AppendResult append(Event event, Instant receivedAt) {
        TransactionCanceledException lastCancellation = null;
        for (int attempt = 1; attempt <= appendAttempts; attempt++) {
            pauseBeforeAttempt(attempt);
            try {
                return appendOnce(event, receivedAt);
            } catch (TransactionCanceledException e) {
                lastCancellation = requireRetryable(e);
                LOG.debugf("append attempt %d of event id=%s subject=%s cancelled: %s", attempt, event.id(),
                        event.subject(), reasonCodes(e));
            } catch (AwsServiceException e) {
                throw throttledOrRethrow(event, e);
            }
        }
        throw exhausted(event, lastCancellation);
    }

    /** The stream's last sequence, read consistently; 0 for a stream without events. */
    public long lastSequence(String subject) {
        Map<String, AttributeValue> head = read(EventTables.streamHeadKey(subject));
        return head == null ? 0 : Long.parseLong(head.get(LAST_SEQUENCE).n());
    }

    private AppendResult appendOnce(Event event, Instant receivedAt) {
        Map<String, AttributeValue> dedupRecord = read(EventTables.dedupKey(event.source(), event.id()));
        if (dedupRecord != null) {
            return duplicateOf(event, dedupRecord);
        }
        long lastSequence = lastSequence(event.subject());
        requireExpectedSequence(event, lastSequence);
        StoredEvent stored = event.stored(lastSequence + 1, receivedAt);
        try {
            dynamoDb.transactWriteItems(appendTransaction(stored, lastSequence));
            return AppendResult.appended(stored);
        } catch (TransactionCanceledException e) {
            return duplicateOrRethrow(event, e);
        }
    }

    private Map<String, AttributeValue> read(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(dedupTable)
                .key(key)
                .consistentRead(true)
                .build())
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static void requireExpectedSequence(Event event, long lastSequence) {
        Long expected = event.expectedSequence();
        if (expected != null && expected != lastSequence) {
            throw new ExpectedSequenceMismatchException(event.subject(), expected, lastSequence);
        }
    }

    private TransactWriteItemsRequest appendTransaction(StoredEvent stored, long lastSequence) {
        // Order matters: cancellation reasons come back in this order (event item, DEDUP_ITEM, stream head).
        return TransactWriteItemsRequest.builder()
                .transactItems(eventPut(stored), dedupPut(stored), headPut(stored, lastSequence))
                .clientRequestToken(UUID.randomUUID().toString())
                .build();
    }

    private TransactWriteItem eventPut(StoredEvent stored) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(eventsTable)
                        .item(EventItem.toItem(stored))
                        .conditionExpression("attribute_not_exists(#subject)")
                        .expressionAttributeNames(Map.of("#subject", EventTables.EVENTS_PARTITION_KEY))
                        .build())
                .build();
    }

    private TransactWriteItem dedupPut(StoredEvent stored) {
        Event event = stored.event();
        Map<String, AttributeValue> item = new HashMap<>(EventTables.dedupKey(event.source(), event.id()));
        item.put(EventItem.SOURCE, AttributeValue.fromS(event.source()));
        item.put(EventItem.ID, AttributeValue.fromS(event.id()));
        item.put(EventItem.SUBJECT, AttributeValue.fromS(event.subject()));
        item.put(EventItem.SEQUENCE, AttributeValue.fromN(Long.toString(stored.sequence())));
        item.put(EventItem.RECEIVED_AT, AttributeValue.fromS(Timestamps.format(stored.receivedAt())));
        item.put(EventItem.DIGEST, AttributeValue.fromS(event.digest()));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(dedupTable)
                        .item(item)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", EventTables.DEDUP_PARTITION_KEY))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())
                .build();
    }

    private TransactWriteItem headPut(StoredEvent stored, long lastSequence) {
        Map<String, AttributeValue> item = new HashMap<>(EventTables.streamHeadKey(stored.subject()));
        item.put(EventItem.SUBJECT, AttributeValue.fromS(stored.subject()));
        item.put(LAST_SEQUENCE, AttributeValue.fromN(Long.toString(stored.sequence())));
        Put.Builder put = Put.builder()
                .tableName(dedupTable)
                .item(item);
        if (lastSequence == 0) {
            put.conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", EventTables.DEDUP_PARTITION_KEY));
        } else {
            put.conditionExpression("#last = :last")
                    .expressionAttributeNames(Map.of("#last", LAST_SEQUENCE))
                    .expressionAttributeValues(Map.of(":last", AttributeValue.fromN(Long.toString(lastSequence))));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * A cancelled transaction whose deduplication record already existed lost a race against a resend of the same
     * event (or one with the same {@code source} + {@code id}); every other cancellation is retried from fresh reads.
     */
    private AppendResult duplicateOrRethrow(Event event, TransactionCanceledException e) {
        CancellationReason dedup = reason(e, DEDUP_ITEM);
        if (dedup == null || !CONDITIONAL_CHECK_FAILED.equals(dedup.code())) {
            throw e;
        }
        Map<String, AttributeValue> existing = dedup.hasItem() && !dedup.item().isEmpty() ? dedup.item()
                : read(EventTables.dedupKey(event.source(), event.id()));
        if (existing == null) {
            throw e;
        }
        return duplicateOf(event, existing);
    }

    private static AppendResult duplicateOf(Event event, Map<String, AttributeValue> dedupRecord) {
        String subject = dedupRecord.get(EventItem.SUBJECT).s();
        long sequence = Long.parseLong(dedupRecord.get(EventItem.SEQUENCE).n());
        if (!event.digest().equals(dedupRecord.get(EventItem.DIGEST).s())) {
            throw new DuplicateEventConflictException(event.source(), event.id(), subject, sequence);
        }
        Instant receivedAt = Timestamps.parse(dedupRecord.get(EventItem.RECEIVED_AT).s());
        return new AppendResult(event.id(), event.source(), subject, sequence, receivedAt, true);
    }

    /**
     * A moved head (ConditionalCheckFailed), a concurrent transaction on the same item (TransactionConflict) or
     * throttling clear up on their own; any other reason, such as a ValidationError, would fail again the same way.
     */
    private static TransactionCanceledException requireRetryable(TransactionCanceledException e) {
        boolean retryable = e.hasCancellationReasons() && e.cancellationReasons().stream()
                .map(CancellationReason::code)
                .allMatch(code -> code == null || RETRYABLE_REASONS.contains(code));
        if (!retryable) {
            throw e;
        }
        return e;
    }

    private static CancellationReason reason(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index ? e.cancellationReasons().get(index)
                : null;
    }

    private static RuntimeException throttledOrRethrow(Event event, AwsServiceException e) {
        if (e.isThrottlingException()) {
            return new AppendThrottledException(event.subject(), event.id(), e);
        }
        return e;
    }

    private RuntimeException exhausted(Event event, TransactionCanceledException last) {
        boolean throttled = last.hasCancellationReasons() && last.cancellationReasons().stream()
                .anyMatch(r -> THROTTLING_REASONS.contains(r.code()));
        if (throttled) {
            return new AppendThrottledException(event.subject(), event.id(), last);
        }
        return new StreamContentionException(event.subject(), event.id(), appendAttempts);
    }

    private static List<String> reasonCodes(TransactionCanceledException e) {
        return e.hasCancellationReasons() ? e.cancellationReasons().stream().map(CancellationReason::code).toList()
                : List.of();
    }

    /**
     * The retry strategy of the client this store is given: the SDK's standard retry conditions for AWS services with
     * {@link #SDK_ATTEMPTS} attempts and backoff of at most a second.
     */
    public static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy()
                .toBuilder()
                .maxAttempts(SDK_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofMillis(500)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build();
    }

    /** Full jitter on an exponential base, so producers that collided do not collide again in step. */
    private static void pauseBeforeAttempt(int attempt) {
        if (attempt == 1) {
            return;
        }
        long ceiling = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << (attempt - 1));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry an append", e);
        }
    }
}
