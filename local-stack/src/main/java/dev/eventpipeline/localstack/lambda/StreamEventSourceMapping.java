package dev.eventpipeline.localstack.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A DynamoDB stream event source mapping, as Lambda runs one: polls the stream through the DynamoDB Streams API and
 * invokes the function with batches of records shaped as Lambda's DynamoDB event ({@link DynamoDbStreamEvent}).
 * <p>
 * Each shard is read by its own thread along one iterator chain, so records of a shard arrive in order and never in
 * two invocations at once; a child shard is read once its parent is done. Batch size and window, bisect on error,
 * retries, record age, {@code ReportBatchItemFailures} and the on-failure destination behave as
 * {@link StreamMappingConfig} describes. Positions live in memory, or in a checkpoint file that lets a
 * restarted mapping go on where the last one stopped; without one a new mapping starts at its
 * {@code StartingPosition} again.
 */
public final class StreamEventSourceMapping implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StreamEventSourceMapping.class);
    /** How often the shard list is read to find new shards. */
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(1);

    private final String uuid = UUID.randomUUID().toString();
    private final StreamMappingConfig config;
    private final DynamoDbStreamsClient streams;
    private final FunctionInvoker function;
    private final OnFailureDestination onFailure;
    private final ShardCheckpoints checkpoints;
    private final Map<String, Thread> pollers = new ConcurrentHashMap<>();
    private final Set<String> finishedShards = ConcurrentHashMap.newKeySet();
    private final Thread discovery;
    private boolean firstDiscovery = true;

    private StreamEventSourceMapping(StreamMappingConfig config, DynamoDbStreamsClient streams, SqsClient sqs,
            FunctionInvoker function, ShardCheckpoints checkpoints) {
        this.config = config;
        this.streams = streams;
        this.function = function;
        this.onFailure = new OnFailureDestination(config, sqs);
        this.checkpoints = checkpoints;
        this.discovery = new Thread(this::discoverShards, "stream-mapping-" + uuid);
        this.discovery.setDaemon(true);
    }

    /**
     * Starts polling the stream.
     *
     * @param streams a client pointed at the stream's endpoint
     * @param sqs a client for the on-failure queue; unused without one
     * @param function the function to invoke, e.g. {@link LocalFunction#invoke(byte[])}
     */
    public static StreamEventSourceMapping start(StreamMappingConfig config, DynamoDbStreamsClient streams, SqsClient sqs,
            FunctionInvoker function) {
        return start(config, streams, sqs, function, ShardCheckpoints.inMemory());
    }

    /**
     * Starts polling the stream, going on after the positions saved in the checkpoint file by an earlier run.
     *
     * @param checkpointFile where the last sequence number done per shard is kept, e.g. in the local run's data
     *        directory; created on the first checkpoint
     */
    public static StreamEventSourceMapping start(StreamMappingConfig config, DynamoDbStreamsClient streams, SqsClient sqs,
            FunctionInvoker function, Path checkpointFile) {
        return start(config, streams, sqs, function, ShardCheckpoints.inFile(checkpointFile));
    }

    private static StreamEventSourceMapping start(StreamMappingConfig config, DynamoDbStreamsClient streams,
            SqsClient sqs, FunctionInvoker function, ShardCheckpoints checkpoints) {
        StreamEventSourceMapping mapping = new StreamEventSourceMapping(config, streams, sqs, function, checkpoints);
        mapping.discovery.start();
        LOG.infof("stream mapping %s: %s -> %s, batch size %d, window %d s, bisect %s, retries %d, record age %d s, "
                + "item failures %s, on failure %s", mapping.uuid, config.eventSourceArn(), config.functionArn(),
                config.batchSize(), config.maximumBatchingWindow().toSeconds(), config.bisectBatchOnFunctionError(),
                config.maximumRetryAttempts(), config.maximumRecordAgeInSeconds(), config.reportBatchItemFailures(),
                config.onFailureQueueUrl().orElse("(none)"));
        return mapping;
    }

    /** The mapping's id, as Lambda's {@code UUID} of an event source mapping. */
    public String uuid() {
        return uuid;
    }

    /** Stops polling and waits for the shard threads; a batch being invoked is abandoned, not checkpointed. */
    @Override
    public void close() {
        discovery.interrupt();
        join(discovery);
        pollers.values().forEach(Thread::interrupt);
        pollers.values().forEach(StreamEventSourceMapping::join);
        LOG.infof("stream mapping %s stopped", uuid);
    }

    private void discoverShards() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                startReadyShards();
                Thread.sleep(DISCOVERY_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            // close() stops discovery by interrupting it.
            Thread.currentThread().interrupt();
        }
    }

    private void startReadyShards() {
        List<Shard> shards;
        try {
            shards = describeShards();
        } catch (SdkException e) {
            LOG.warnf("stream mapping %s: DescribeStream of %s failed, trying again in %d ms: %s", uuid,
                    config.eventSourceArn(), DISCOVERY_INTERVAL.toMillis(), e.getMessage());
            return;
        }
        Set<String> known = new HashSet<>();
        shards.forEach(shard -> known.add(shard.shardId()));
        for (Shard shard : shards) {
            if (!pollers.containsKey(shard.shardId()) && parentDone(shard, known)) {
                startPoller(shard.shardId(), firstDiscovery ? startingPosition() : ShardIteratorType.TRIM_HORIZON);
            }
        }
        firstDiscovery = false;
    }

    /** A shard is read after its parent, unless the parent has aged out of the stream. */
    private boolean parentDone(Shard shard, Set<String> known) {
        String parent = shard.parentShardId();
        return parent == null || !known.contains(parent) || finishedShards.contains(parent);
    }

    private ShardIteratorType startingPosition() {
        return config.startingPosition() == StreamMappingConfig.StartingPosition.LATEST ? ShardIteratorType.LATEST
                : ShardIteratorType.TRIM_HORIZON;
    }

    private List<Shard> describeShards() {
        List<Shard> shards = new ArrayList<>();
        String exclusiveStart = null;
        do {
            String start = exclusiveStart;
            DescribeStreamResponse response = streams.describeStream(request -> request
                    .streamArn(config.eventSourceArn())
                    .exclusiveStartShardId(start));
            shards.addAll(response.streamDescription().shards());
            exclusiveStart = response.streamDescription().lastEvaluatedShardId();
        } while (exclusiveStart != null);
        return shards;
    }

    private void startPoller(String shardId, ShardIteratorType startAt) {
        ShardPoller poller = new ShardPoller(config, streams, function, onFailure, checkpoints, shardId, startAt);
        Thread thread = new Thread(() -> poll(poller, shardId), "stream-shard-" + shardId);
        thread.setDaemon(true);
        pollers.put(shardId, thread);
        thread.start();
    }

    private void poll(ShardPoller poller, String shardId) {
        try {
            poller.run();
            finishedShards.add(shardId);
        } catch (InterruptedException e) {
            // close() stops the shard's thread by interrupting it.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "stream mapping %s: reading shard %s stopped; its records are no longer delivered", uuid,
                    shardId);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
