package dev.eventpipeline.localstack.dynamodb.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.DynamoDbStream.StreamRecord;

/**
 * The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator, GetRecords. Shard iterators are opaque to
 * clients; like the service's they expire 15 minutes after they were issued.
 */
final class StreamOperations {

    private static final long ITERATOR_LIFETIME_MILLIS = Duration.ofMinutes(15).toMillis();
    private static final int MAX_RECORDS = 1000;

    /** The position a shard iterator stands at: records after {@code after} come next. */
    private record Iterator(String streamArn, String shardId, long after, long issuedMillis) {

        String encode() {
            String text = streamArn + "|" + shardId + "|" + after + "|" + issuedMillis;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Iterator decode(String iterator) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\\|");
                return new Iterator(parts[0], parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw ApiException.validation("Invalid ShardIterator: " + iterator);
            }
        }
    }

    private final Database database;

    StreamOperations(Database database) {
        this.database = database;
    }

    ObjectNode listStreams(ObjectNode request) {
        String tableName = Json.text(request, "TableName");
        String start = Json.text(request, "ExclusiveStartStreamArn");
        int limit = request.path("Limit").asInt(100);
        return database.read(() -> {
            if (tableName != null) {
                database.table(tableName);
            }
            return listStreams(tableName, start, limit);
        });
    }

    private ObjectNode listStreams(String tableName, String start, int limit) {
        ObjectNode response = Json.object();
        ArrayNode streams = response.putArray("Streams");
        boolean started = start == null;
        for (DynamoDbStream stream : database.streams().values()) {
            if (!started) {
                started = stream.arn().equals(start);
                continue;
            }
            if (tableName != null && !tableName.equals(stream.tableName())) {
                continue;
            }
            if (streams.size() == limit) {
                response.put("LastEvaluatedStreamArn", streams.get(limit - 1).get("StreamArn").asText());
                break;
            }
            streams.addObject()
                    .put("StreamArn", stream.arn())
                    .put("TableName", stream.tableName())
                    .put("StreamLabel", stream.label());
        }
        return response;
    }

    ObjectNode describeStream(ObjectNode request) {
        String arn = Json.requiredText(request, "StreamArn");
        String exclusiveStartShardId = Json.text(request, "ExclusiveStartShardId");
        return database.read(() -> {
            DynamoDbStream stream = stream(arn);
            ObjectNode description = Json.object();
            description.put("StreamArn", stream.arn())
                    .put("StreamLabel", stream.label())
                    .put("StreamStatus", stream.enabled() ? "ENABLED" : "DISABLED")
                    .put("StreamViewType", stream.viewType())
                    .put("CreationRequestDateTime", stream.createdMillis() / 1000.0)
                    .put("TableName", stream.tableName());
            description.set("KeySchema", stream.keySchema().keySchemaJson());
            // The stream has one shard: a page that starts after it is empty.
            ArrayNode shards = description.putArray("Shards");
            if (!stream.shardId().equals(exclusiveStartShardId)) {
                shards.add(shard(stream));
            }
            ObjectNode response = Json.object();
            response.set("StreamDescription", description);
            return response;
        });
    }

    private static ObjectNode shard(DynamoDbStream stream) {
        ObjectNode shard = Json.object().put("ShardId", stream.shardId());
        ObjectNode range = shard.putObject("SequenceNumberRange");
        range.put("StartingSequenceNumber", StreamRecords.sequenceNumber(firstPosition(stream)));
        if (!stream.enabled()) {
            range.put("EndingSequenceNumber", StreamRecords.sequenceNumber(Math.max(stream.lastPosition(),
                    firstPosition(stream))));
        }
        return shard;
    }

    private static long firstPosition(DynamoDbStream stream) {
        return Math.max(stream.startPosition(), stream.trimmedThrough() + 1);
    }

    ObjectNode getShardIterator(ObjectNode request) {
        String arn = Json.requiredText(request, "StreamArn");
        String shardId = Json.requiredText(request, "ShardId");
        String type = Json.requiredText(request, "ShardIteratorType");
        String sequenceNumber = Json.text(request, "SequenceNumber");
        return database.read(() -> {
            DynamoDbStream stream = stream(arn);
            if (!stream.shardId().equals(shardId)) {
                throw ApiException.resourceNotFound("Requested resource not found: Shard does not exist");
            }
            long after = startingPoint(stream, type, sequenceNumber);
            Iterator iterator = new Iterator(arn, shardId, after, database.nowMillis());
            return Json.object().put("ShardIterator", iterator.encode());
        });
    }

    private static long startingPoint(DynamoDbStream stream, String type, String sequenceNumber) {
        return switch (type) {
            case "TRIM_HORIZON" -> firstPosition(stream) - 1;
            case "LATEST" -> stream.lastPosition();
            case "AT_SEQUENCE_NUMBER" -> checkedPosition(stream, sequenceNumber) - 1;
            case "AFTER_SEQUENCE_NUMBER" -> checkedPosition(stream, sequenceNumber);
            default -> throw ApiException.validation("1 validation error detected: Value '" + type + "' at"
                    + " 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]");
        };
    }

    private static long checkedPosition(DynamoDbStream stream, String sequenceNumber) {
        if (sequenceNumber == null) {
            throw ApiException.validation("Must provide a sequence number with AT_SEQUENCE_NUMBER or"
                    + " AFTER_SEQUENCE_NUMBER shard iterator types");
        }
        long position = StreamRecords.position(sequenceNumber);
        if (position < 0 || position > stream.lastPosition() + 1) {
            throw ApiException.validation("Invalid SequenceNumber for this shard: " + sequenceNumber);
        }
        if (position <= stream.trimmedThrough()) {
            throw trimmed();
        }
        return position;
    }

    ObjectNode getRecords(ObjectNode request) {
        Iterator iterator = Iterator.decode(Json.requiredText(request, "ShardIterator"));
        int limit = request.path("Limit").asInt(MAX_RECORDS);
        if (limit < 1 || limit > MAX_RECORDS) {
            throw ApiException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to"
                    + " satisfy constraint: Member must have value less than or equal to 1000");
        }
        return database.read(() -> records(iterator, limit));
    }

    private ObjectNode records(Iterator iterator, int limit) {
        if (database.nowMillis() - iterator.issuedMillis() > ITERATOR_LIFETIME_MILLIS) {
            throw ApiException.of("ExpiredIteratorException", 400, "Iterator expired", null);
        }
        DynamoDbStream stream = stream(iterator.streamArn());
        if (iterator.after() < stream.trimmedThrough()) {
            throw trimmed();
        }
        List<StreamRecord> records = stream.after(iterator.after(), limit);
        ObjectNode response = Json.object();
        ArrayNode array = response.putArray("Records");
        records.forEach(record -> array.add(record.json()));
        long next = records.isEmpty() ? iterator.after() : records.get(records.size() - 1).position();
        if (stream.enabled() || next < stream.lastPosition()) {
            response.put("NextShardIterator",
                    new Iterator(iterator.streamArn(), iterator.shardId(), next, database.nowMillis()).encode());
        }
        return response;
    }

    private DynamoDbStream stream(String arn) {
        DynamoDbStream stream = database.streams().get(arn);
        if (stream == null) {
            throw ApiException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
        }
        return stream;
    }

    private static ApiException trimmed() {
        return ApiException.of("TrimmedDataAccessException", 400, "The operation attempted to read past the oldest"
                + " stream record in a shard.", null);
    }

}
