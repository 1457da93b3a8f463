package dev.eventpipeline.model;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB Streams records shaped as Lambda delivers them to a function, for tests.
 */
public final class StreamRecords {

    private StreamRecords() {
    }

    /** An {@code INSERT} record with a {@code NEW_IMAGE} view of the item, as in a Lambda event's {@code Records}. */
    public static String insert(Map<String, AttributeValue> item, String sequenceNumber) {
        String keys = DynamoDbJson.writeItem(Map.of(
                EventItem.SUBJECT, item.get(EventItem.SUBJECT),
                EventItem.SEQUENCE, item.get(EventItem.SEQUENCE)));
        String newImage = DynamoDbJson.writeItem(item);
        return "{\"eventID\":\"c4ca4238a0b923820dcc509a6f75849b\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"eu-west-1\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1735689600.123,\"Keys\":" + keys + ",\"NewImage\":" + newImage
                + ",\"SequenceNumber\":\"" + sequenceNumber + "\",\"SizeBytes\":" + newImage.length()
                + ",\"StreamViewType\":\"NEW_IMAGE\"},\"eventSourceARN\":"
                + "\"arn:aws:dynamodb:eu-west-1:123456789012:table/events/stream/2025-01-01T00:00:00.000\"}";
    }

    /** A Lambda event with the given records. */
    public static String event(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }
}
