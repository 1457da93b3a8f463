package dev.eventpipeline.localstack.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.eventpipeline.model.DynamoDbJson;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * The event Lambda sends a function for a batch of DynamoDB stream records: {@code {"Records": [...]}}, each record
 * with {@code eventID}, {@code eventName}, {@code eventVersion} {@code 1.1}, {@code eventSource}
 * {@code aws:dynamodb}, {@code awsRegion}, {@code dynamodb} ({@code ApproximateCreationDateTime} in epoch seconds,
 * {@code Keys}, {@code NewImage}/{@code OldImage} as the stream view type provides them, {@code SequenceNumber},
 * {@code SizeBytes}, {@code StreamViewType}), {@code userIdentity} for TTL deletes, and {@code eventSourceARN}.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html">Using Lambda with DynamoDB</a>
 */
final class DynamoDbStreamEvent {

    private static final JsonFactory JSON = new JsonFactory();

    private DynamoDbStreamEvent() {
    }

    static byte[] write(List<Record> records, String eventSourceArn, String region) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (Record record : records) {
                writeRecord(g, record, eventSourceArn, region);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeRecord(JsonGenerator g, Record record, String eventSourceArn, String region)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("eventID", record.eventID());
        g.writeStringField("eventName", record.eventNameAsString());
        g.writeStringField("eventVersion", "1.1");
        g.writeStringField("eventSource", "aws:dynamodb");
        g.writeStringField("awsRegion", record.awsRegion() == null ? region : record.awsRegion());
        g.writeFieldName("dynamodb");
        writeStreamRecord(g, record.dynamodb());
        if (record.userIdentity() != null) {
            writeUserIdentity(g, record.userIdentity());
        }
        g.writeStringField("eventSourceARN", eventSourceArn);
        g.writeEndObject();
    }

    private static void writeStreamRecord(JsonGenerator g, StreamRecord stream) throws IOException {
        g.writeStartObject();
        if (stream.approximateCreationDateTime() != null) {
            g.writeNumberField("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
        }
        writeItem(g, "Keys", stream.keys());
        writeItem(g, "NewImage", stream.newImage());
        writeItem(g, "OldImage", stream.oldImage());
        g.writeStringField("SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) {
            g.writeNumberField("SizeBytes", stream.sizeBytes());
        }
        g.writeStringField("StreamViewType", stream.streamViewTypeAsString());
        g.writeEndObject();
    }

    /** The SDK reports an absent image as an auto-constructed empty map; the event then leaves the field out. */
    private static void writeItem(JsonGenerator g, String field, Map<String, AttributeValue> item) throws IOException {
        if (item == null || item.isEmpty()) {
            return;
        }
        g.writeFieldName(field);
        g.writeRawValue(DynamoDbJson.writeItem(item));
    }

    private static void writeUserIdentity(JsonGenerator g, Identity identity) throws IOException {
        g.writeObjectFieldStart("userIdentity");
        g.writeStringField("type", identity.type());
        g.writeStringField("principalId", identity.principalId());
        g.writeEndObject();
    }
}
