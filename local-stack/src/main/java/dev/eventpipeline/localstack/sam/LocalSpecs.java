package dev.eventpipeline.localstack.sam;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the local run creates from the template, one record per kind of resource.
 */
public final class LocalSpecs {

    private LocalSpecs() {
    }

    /**
     * An {@code AWS::DynamoDB::Table}.
     *
     * @param keys the key schema: HASH first, then RANGE
     * @param streamViewType {@code NEW_IMAGE}, ... or {@code null} without a stream
     * @param ttlAttribute the time-to-live attribute, or {@code null}
     */
    public record Table(String logicalId, String name, List<Key> keys, String streamViewType, String ttlAttribute) {
    }

    /** One key attribute: name, {@code HASH}/{@code RANGE}, and type {@code S}/{@code N}/{@code B}. */
    public record Key(String name, String keyType, String attributeType) {
    }

    /**
     * An {@code AWS::SQS::Queue}.
     *
     * @param deadLetterLogicalId the redrive target's logical id, or {@code null}
     * @param maxReceiveCount receives before a message moves to the dead-letter queue; 0 without redrive
     */
    public record Queue(String logicalId, String name, boolean fifo, int visibilityTimeoutSeconds,
            boolean contentBasedDeduplication, String deadLetterLogicalId, int maxReceiveCount) {
    }

    /**
     * An {@code AWS::Serverless::Function}.
     *
     * @param codeUri the packaged artifact, resolved against the template's folder
     * @param environment variable name to its template value, not yet evaluated
     */
    public record Function(String logicalId, Path codeUri, String handler, int memoryMb, int timeoutSeconds,
            Map<String, Object> environment, List<HttpRoute> routes, List<StreamSource> streams) {
    }

    /** An {@code HttpApi} event of a function. */
    public record HttpRoute(String method, String path) {
    }

    /**
     * A {@code DynamoDB} event of a function: the event source mapping's settings.
     *
     * @param tableLogicalId the table whose stream is read
     * @param onFailureQueueLogicalId the on-failure destination queue, or {@code null}
     */
    public record StreamSource(String tableLogicalId, String startingPosition, int batchSize,
            int maximumBatchingWindowSeconds, boolean bisectBatchOnFunctionError, int maximumRetryAttempts,
            int maximumRecordAgeSeconds, boolean reportBatchItemFailures, String onFailureQueueLogicalId) {
    }

    /**
     * A container of an {@code AWS::ECS::TaskDefinition}.
     *
     * @param environment variable name to its template value, not yet evaluated
     * @param secrets names of the variables that ECS fills from Secrets Manager
     */
    public record Container(String taskLogicalId, String name, Map<String, Object> environment, List<String> secrets) {
    }
}
