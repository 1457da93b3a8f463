package dev.eventpipeline.model;

import java.util.Map;

import dev.eventpipeline.model.internal.Digests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The key schemas of the two DynamoDB tables, as the SAM template declares them.
 * <ul>
 * <li>Events table: partition key {@value #EVENTS_PARTITION_KEY} (S), sort key {@value #EVENTS_SORT_KEY} (N); one item
 * per event (see {@link EventItem}); its stream feeds the stream processor.</li>
 * <li>Deduplication table: partition key {@value #DEDUP_PARTITION_KEY} (S), holding two kinds of item: one per
 * {@code source} + {@code id} ever accepted ({@link #dedupKey}), and one head per stream ({@link #streamHeadKey}) with
 * the stream's last sequence. Keeping them out of the events table keeps its stream free of bookkeeping.</li>
 * </ul>
 */
public final class EventTables {

    public static final String EVENTS_PARTITION_KEY = EventItem.SUBJECT;
    public static final String EVENTS_SORT_KEY = EventItem.SEQUENCE;
    public static final String DEDUP_PARTITION_KEY = "pk";

    private EventTables() {
    }

    /** The key of the events-table item of one event. */
    public static Map<String, AttributeValue> eventKey(String subject, long sequence) {
        return Map.of(EVENTS_PARTITION_KEY, AttributeValue.fromS(subject),
                EVENTS_SORT_KEY, AttributeValue.fromN(Long.toString(sequence)));
    }

    /**
     * The deduplication-table key of an event's {@code source} + {@code id}: {@code dedup#} and a base64url SHA-256
     * of both, so any lengths and characters give a key within DynamoDB's limits.
     */
    public static Map<String, AttributeValue> dedupKey(String source, String id) {
        String digest = Digests.sha256Base64Url(source + '\u0000' + id);
        return Map.of(DEDUP_PARTITION_KEY, AttributeValue.fromS("dedup#" + digest));
    }

    /** The deduplication-table key of a stream's head item: {@code stream#} and the subject. */
    public static Map<String, AttributeValue> streamHeadKey(String subject) {
        return Map.of(DEDUP_PARTITION_KEY, AttributeValue.fromS("stream#" + subject));
    }

}
