package dev.eventpipeline.streamprocessor;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Where the stream processor sends events. The SAM template sets the environment variables named below;
 * {@code application.properties} maps them and gives defaults for a local ElasticMQ.
 */
@ConfigMapping(prefix = "stream-processor")
public interface StreamProcessorConfig {

    /**
     * URL of the projection FIFO queue (environment variable {@code PROJECTION_QUEUE_URL}). Every inserted event is
     * sent there, whatever its type.
     */
    String projectionQueueUrl();

    /**
     * Extra routes (environment variable {@code FANOUT_ROUTES}): {@code TypeGlob=QueueUrl} pairs separated by commas,
     * for example {@code Push*=https://sqs.eu-west-1.amazonaws.com/123456789012/pushes.fifo}. An event whose CloudEvents
     * {@code type} matches a glob ({@code *} stands for any run of characters) is also sent to that route's queue.
     * Empty or absent: the projection queue only.
     */
    Optional<String> fanoutRoutes();
}
