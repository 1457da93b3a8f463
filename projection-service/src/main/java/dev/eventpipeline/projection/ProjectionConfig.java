package dev.eventpipeline.projection;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the projection service consumes its queue. Each property is set by an environment variable of the same name in
 * upper case with {@code _} for {@code .} and {@code -}, e.g. {@code PROJECTION_QUEUE_URL}.
 */
@ConfigMapping(prefix = "projection")
public interface ProjectionConfig {

    /** URL of the SQS FIFO queue that carries stored events ({@code PROJECTION_QUEUE_URL}). */
    String queueUrl();

    /**
     * How many threads receive from the queue at once ({@code PROJECTION_POLLERS}). Each holds one database connection
     * while it applies a batch, so keep it below the reactive pool size. {@code 0} starts none (tests drive the poller
     * themselves).
     */
    @WithDefault("2")
    int pollers();

    /**
     * SQS long polling wait per receive, 0 to 20 seconds. A stopping task does not wait for it: what a receive returns
     * after shutdown began is handed back to the queue unprocessed.
     */
    @WithDefault("20")
    int waitTimeSeconds();

    /** How long a poller pauses after a batch failed (for example PostgreSQL unreachable) before it receives again. */
    @WithDefault("5s")
    Duration failureBackoff();

    /**
     * How long shutdown waits for the batches being projected to be committed and deleted; keep it below the ECS stop
     * timeout (30 seconds by default).
     */
    @WithDefault("25s")
    Duration shutdownTimeout();

    /** Settings given in code, for pollers built by hand (tests, the benchmark) instead of from the configuration. */
    static ProjectionConfig of(String queueUrl, int pollers, int waitTimeSeconds, Duration failureBackoff,
            Duration shutdownTimeout) {
        return new GivenProjectionConfig(queueUrl, pollers, waitTimeSeconds, failureBackoff, shutdownTimeout);
    }
}
