package dev.eventpipeline.localstack.dynamodb.internal;

import java.security.SecureRandom;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds stream records in the shape GetRecords returns them and Lambda forwards them. */
final class StreamRecords {

    /** Sequence numbers are decimal strings; a leading 1 keeps them the same length and in numeric order. */
    private static final int SEQUENCE_BASE_DIGITS = 20;
    private static final String ZEROS = "0".repeat(SEQUENCE_BASE_DIGITS);
    /**
     * Event ids are 32 hex digits like the service's: a random half per process and the record's position, so they are
     * unique without asking SecureRandom (which is synchronized) under the write lock.
     */
    private static final String EVENT_ID_PREFIX = hex16(new SecureRandom().nextLong());

    private StreamRecords() {
    }

    static String sequenceNumber(long position) {
        String digits = Long.toString(position);
        return "1" + ZEROS.substring(digits.length()) + digits;
    }

    private static String hex16(long value) {
        String hex = Long.toHexString(value);
        return ZEROS.substring(0, 16 - hex.length()) + hex;
    }

    /** The position of a sequence number this endpoint issued, or -1 when the text is not one. */
    static long position(String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.length() != SEQUENCE_BASE_DIGITS + 1
                || sequenceNumber.charAt(0) != '1') {
            return -1;
        }
        try {
            return Long.parseLong(sequenceNumber.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static ObjectNode record(Change change, DynamoDbStream stream, long position, long nowMillis) {
        ObjectNode record = Json.object();
        record.put("eventID", EVENT_ID_PREFIX + hex16(position));
        record.put("eventName", change.eventName());
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", change.table().region);
        record.set("dynamodb", streamRecord(change, stream, position, nowMillis));
        if (change.byTimeToLive()) {
            record.putObject("userIdentity")
                    .put("PrincipalId", "dynamodb.amazonaws.com")
                    .put("Type", "Service");
        }
        return record;
    }

    private static ObjectNode streamRecord(Change change, DynamoDbStream stream, long position, long nowMillis) {
        ObjectNode data = Json.object();
        data.put("ApproximateCreationDateTime", nowMillis / 1000);
        ObjectNode keys = stream.keySchema().keyAttributes(change.newItem() != null ? change.newItem() : change.oldItem());
        data.set("Keys", keys);
        int size = AttributeValues.itemSize(keys);
        String viewType = stream.viewType();
        if (change.newItem() != null && (viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
            data.set("NewImage", change.newItem());
            size += AttributeValues.itemSize(change.newItem());
        }
        if (change.oldItem() != null && (viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
            data.set("OldImage", change.oldItem());
            size += AttributeValues.itemSize(change.oldItem());
        }
        data.put("SequenceNumber", sequenceNumber(position));
        data.put("SizeBytes", size);
        data.put("StreamViewType", viewType);
        return data;
    }
}
