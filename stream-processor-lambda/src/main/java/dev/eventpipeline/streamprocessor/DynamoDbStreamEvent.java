package dev.eventpipeline.streamprocessor;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the DynamoDB Streams event that Lambda's event source mapping delivers, straight from its JSON text.
 * <p>
 * The AWS Lambda events library's {@code DynamodbEvent} is not used on purpose: mapped through a general Jackson
 * mapper, its attribute values lose binary values and 38-digit numbers, and its date field refuses the fractional
 * {@code ApproximateCreationDateTime} that Lambda sends. Here images stay DynamoDB JSON until
 * {@link StreamRecord#newItem()} reads them.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html">Using AWS Lambda with Amazon DynamoDB</a>
 */
public final class DynamoDbStreamEvent {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private DynamoDbStreamEvent() {
    }

    /**
     * The records of the event, in the order of the shard.
     *
     * @throws InvalidStreamEventException when the text is not a DynamoDB Streams event
     */
    public static List<StreamRecord> read(InputStream json) {
        JsonNode records = parse(json).path("Records");
        if (!records.isArray()) {
            throw new InvalidStreamEventException("not a DynamoDB Streams event: 'Records' is missing or not an array");
        }
        List<StreamRecord> read = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            read.add(readRecord(record, read.size()));
        }
        return read;
    }

    private static JsonNode parse(InputStream json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidStreamEventException("not a DynamoDB Streams event: the invocation payload is not JSON ("
                    + e.getMessage() + ")", e);
        }
    }

    private static StreamRecord readRecord(JsonNode record, int index) {
        JsonNode dynamodb = record.path("dynamodb");
        JsonNode sequenceNumber = dynamodb.path("SequenceNumber");
        if (!sequenceNumber.isTextual()) {
            throw new InvalidStreamEventException("record " + index + " of the DynamoDB Streams event has no"
                    + " dynamodb.SequenceNumber");
        }
        return new StreamRecord(
                record.path("eventID").asText(null),
                record.path("eventName").asText(null),
                sequenceNumber.asText(),
                creationTime(dynamodb.path("ApproximateCreationDateTime")),
                dynamodb.get("NewImage"));
    }

    /** Lambda sends seconds since the epoch, with a fraction since DynamoDB Streams gained millisecond precision. */
    private static Instant creationTime(JsonNode epochSeconds) {
        if (!epochSeconds.isNumber()) {
            return null;
        }
        BigDecimal seconds = epochSeconds.decimalValue();
        BigDecimal wholeSeconds = new BigDecimal(seconds.toBigInteger());
        return Instant.ofEpochSecond(wholeSeconds.longValueExact(),
                seconds.subtract(wholeSeconds).movePointRight(9).longValue());
    }
}
