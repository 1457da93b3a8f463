package dev.eventpipeline.streamprocessor;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.eventpipeline.model.DynamoDbJson;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of a DynamoDB Streams event as Lambda delivers it, with what forwarding needs.
 *
 * @param eventId {@code eventID}, unique per record
 * @param eventName {@code eventName}: {@value #INSERT}, {@code MODIFY} or {@code REMOVE}
 * @param sequenceNumber {@code dynamodb.SequenceNumber}: the record's position in its shard, and the
 *        {@code itemIdentifier} Lambda expects in a batch item failure
 * @param approximateCreationDateTime {@code dynamodb.ApproximateCreationDateTime} to the fraction of a second sent, or
 *        {@code null} when absent
 * @param newImage {@code dynamodb.NewImage} in DynamoDB JSON, or {@code null} (REMOVE records, and streams whose view
 *        type has no new image)
 */
public record StreamRecord(String eventId, String eventName, String sequenceNumber, Instant approximateCreationDateTime,
        JsonNode newImage) {

    /** The {@code eventName} of a new item: the only kind the stream processor forwards. */
    public static final String INSERT = "INSERT";

    public boolean isInsert() {
        return INSERT.equals(eventName);
    }

    /**
     * The new image as the AWS SDK's attribute values: numbers as the digits sent, binary as raw bytes, {@code NULL}
     * as a null marker.
     *
     * @throws IllegalArgumentException when the record has no new image or the image is not DynamoDB JSON
     */
    public Map<String, AttributeValue> newItem() {
        if (newImage == null) {
            throw new IllegalArgumentException("the record has no NewImage: the table's stream must have the view type"
                    + " NEW_IMAGE or NEW_AND_OLD_IMAGES");
        }
        return DynamoDbJson.readItem(newImage);
    }
}
