package dev.eventpipeline.localstack.lambda;

import java.time.Duration;
import java.util.Optional;

/**
 * The settings of a DynamoDB stream event source mapping ({@code AWS::Lambda::EventSourceMapping}, or a SAM
 * function's {@code DynamoDB} event), named as in the template.
 *
 * @param eventSourceArn {@code Stream}: the stream's ARN
 * @param functionArn the ARN of the function it invokes, quoted in failure records
 * @param startingPosition {@code StartingPosition}: where reading a shard that exists when the mapping starts begins;
 *        shards that appear later are read from their start
 * @param batchSize {@code BatchSize}: most records per invocation (1 to 10,000; AWS's default 100)
 * @param maximumBatchingWindow {@code MaximumBatchingWindowInSeconds}: how long to gather records before invoking
 *        with fewer than {@code BatchSize}; zero invokes as soon as records are there
 * @param bisectBatchOnFunctionError {@code BisectBatchOnFunctionError}: on a function error, split the batch in two
 *        and deliver each half on its own; splitting does not use up a retry
 * @param maximumRetryAttempts {@code MaximumRetryAttempts}: retries of a failing batch before it goes to the
 *        on-failure destination; -1 retries until the records expire
 * @param maximumRecordAgeInSeconds {@code MaximumRecordAgeInSeconds}: records older than this are not retried but go to
 *        the on-failure destination; -1 for no limit
 * @param reportBatchItemFailures {@code FunctionResponseTypes: [ReportBatchItemFailures]}: the function's
 *        {@code batchItemFailures} answer makes the mapping retry from the first failed record
 * @param onFailureQueueUrl {@code DestinationConfig.OnFailure.Destination} as the SQS queue URL it resolves to; empty
 *        to drop failed batches with an error log line, as AWS drops them without a destination
 * @param region the region written into events and failure records
 */
public record StreamMappingConfig(String eventSourceArn, String functionArn, StartingPosition startingPosition,
        int batchSize, Duration maximumBatchingWindow, boolean bisectBatchOnFunctionError, int maximumRetryAttempts,
        int maximumRecordAgeInSeconds, boolean reportBatchItemFailures, Optional<String> onFailureQueueUrl,
        String region) {

    /** {@code StartingPosition} of a DynamoDB stream mapping. */
    public enum StartingPosition {
        /** The oldest record the stream keeps. */
        TRIM_HORIZON,
        /** Only records written after the mapping started. */
        LATEST
    }

    /**
     * Checks the ranges AWS accepts.
     *
     * @throws IllegalArgumentException naming the setting and the value it got
     */
    public StreamMappingConfig {
        require(batchSize >= 1 && batchSize <= 10_000, "BatchSize must be 1 to 10000, got " + batchSize);
        require(!maximumBatchingWindow.isNegative() && maximumBatchingWindow.toSeconds() <= 300,
                "MaximumBatchingWindowInSeconds must be 0 to 300, got " + maximumBatchingWindow.toSeconds());
        require(maximumRetryAttempts >= -1 && maximumRetryAttempts <= 10_000,
                "MaximumRetryAttempts must be -1 to 10000, got " + maximumRetryAttempts);
        require(maximumRecordAgeInSeconds == -1 || (maximumRecordAgeInSeconds >= 60 && maximumRecordAgeInSeconds <= 604_800),
                "MaximumRecordAgeInSeconds must be -1 or 60 to 604800, got " + maximumRecordAgeInSeconds);
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
