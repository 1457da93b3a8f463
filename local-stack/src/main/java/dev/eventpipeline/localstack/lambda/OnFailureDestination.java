package dev.eventpipeline.localstack.lambda;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where a stream batch goes that the function could not process: the invocation record Lambda sends to an SQS
 * on-failure destination, with {@code requestContext}, {@code responseContext}, {@code version}, {@code timestamp}
 * and {@code DDBStreamBatchInfo} (shard, first and last sequence number and arrival, batch size, stream ARN) — the
 * records themselves are not in it, only where to read them again.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-dynamodb-errors">DynamoDB stream
 *      error handling</a>
 */
final class OnFailureDestination {

    private static final Logger LOG = Logger.getLogger(OnFailureDestination.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** A few tries ride out a restarting queue; beyond that the batch is logged as lost. */
    private static final int SEND_ATTEMPTS = 3;

    private final StreamMappingConfig config;
    private final SqsClient sqs;

    OnFailureDestination(StreamMappingConfig config, SqsClient sqs) {
        this.config = config;
        this.sqs = sqs;
    }

    /**
     * Sends the failure record of a batch, or logs the batch as dropped when the mapping has no destination.
     *
     * @param condition {@code RetryAttemptsExhausted} or {@code RecordAgeExceeded}
     * @param last the last invocation's result, or null when the records expired before any
     * @param invokeCount how often the records were invoked
     */
    void send(String shardId, List<Record> records, String condition, InvocationResult last, int invokeCount) {
        String range = first(records) + ".." + last(records);
        if (config.onFailureQueueUrl().isEmpty()) {
            LOG.errorf("stream mapping of %s shard %s: records %s dropped (%s) and no on-failure destination is set",
                    config.eventSourceArn(), shardId, range, condition);
            return;
        }
        String body = failureRecord(shardId, records, condition, last, invokeCount).toString();
        for (int attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
            try {
                sqs.sendMessage(message -> message.queueUrl(config.onFailureQueueUrl().get()).messageBody(body));
                return;
            } catch (SdkException e) {
                if (attempt == SEND_ATTEMPTS) {
                    LOG.errorf(e, "stream mapping of %s shard %s: records %s (%s) lost, the on-failure queue %s refused them",
                            config.eventSourceArn(), shardId, range, condition, config.onFailureQueueUrl().get());
                }
            }
        }
    }

    private ObjectNode failureRecord(String shardId, List<Record> records, String condition, InvocationResult last,
            int invokeCount) {
        ObjectNode document = JSON.createObjectNode();
        document.putObject("requestContext")
                .put("requestId", last == null ? "" : last.requestId())
                .put("functionArn", config.functionArn())
                .put("condition", condition)
                .put("approximateInvokeCount", invokeCount);
        ObjectNode response = document.putObject("responseContext")
                .put("statusCode", 200)
                .put("executedVersion", "$LATEST");
        if (last instanceof InvocationResult.FunctionError || last instanceof InvocationResult.Timeout) {
            response.put("functionError", "Unhandled");
        }
        document.put("version", "1.0").put("timestamp", TIMESTAMP.format(Instant.now()));
        document.putObject("DDBStreamBatchInfo")
                .put("shardId", shardId)
                .put("startSequenceNumber", first(records))
                .put("endSequenceNumber", last(records))
                .put("approximateArrivalOfFirstRecord", arrival(records.get(0)))
                .put("approximateArrivalOfLastRecord", arrival(records.get(records.size() - 1)))
                .put("batchSize", records.size())
                .put("streamArn", config.eventSourceArn());
        return document;
    }

    private static String first(List<Record> records) {
        return records.get(0).dynamodb().sequenceNumber();
    }

    private static String last(List<Record> records) {
        return records.get(records.size() - 1).dynamodb().sequenceNumber();
    }

    private static String arrival(Record record) {
        Instant created = record.dynamodb().approximateCreationDateTime();
        return created == null ? null : created.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
