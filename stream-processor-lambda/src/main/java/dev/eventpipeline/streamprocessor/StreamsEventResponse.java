package dev.eventpipeline.streamprocessor;

import java.util.List;

/**
 * The answer Lambda reads when the event source mapping has {@code ReportBatchItemFailures} on:
 * {@code {"batchItemFailures":[{"itemIdentifier":"<SequenceNumber>"}]}}. Lambda checkpoints before the lowest
 * sequence number listed and retries from there; an empty list means the whole batch is done.
 *
 * @param batchItemFailures the records to retry from; this function lists at most one, the first record not fully sent
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html">Configuring
 *      partial batch response with DynamoDB and Lambda</a>
 */
public record StreamsEventResponse(List<BatchItemFailure> batchItemFailures) {

    /** Every record was sent. */
    public static StreamsEventResponse success() {
        return new StreamsEventResponse(List.of());
    }

    /** Retry from the record with this sequence number. */
    public static StreamsEventResponse failedFrom(String sequenceNumber) {
        return new StreamsEventResponse(List.of(new BatchItemFailure(sequenceNumber)));
    }

    /**
     * One failed record.
     *
     * @param itemIdentifier the record's {@code dynamodb.SequenceNumber}
     */
    public record BatchItemFailure(String itemIdentifier) {
    }
}
