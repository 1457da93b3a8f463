package dev.eventpipeline.streamprocessor;

/**
 * What one invocation did with its batch of stream records.
 *
 * @param records records in the batch
 * @param skipped MODIFY and REMOVE records, which carry no new event
 * @param messagesSent SQS messages taken, over all queues
 * @param sendMessageBatchCalls {@code SendMessageBatch} requests made
 * @param firstFailedSequenceNumber the sequence number of the first record not fully sent, or {@code null} when all were
 */
public record ForwardResult(int records, int skipped, int messagesSent, int sendMessageBatchCalls,
        String firstFailedSequenceNumber) {

    /** The answer for Lambda's {@code ReportBatchItemFailures}. */
    public StreamsEventResponse response() {
        return firstFailedSequenceNumber == null ? StreamsEventResponse.success()
                : StreamsEventResponse.failedFrom(firstFailedSequenceNumber);
    }
}
