package dev.eventpipeline.projection;

import java.time.Duration;

/** {@link ProjectionConfig#of}: settings given in code. */
record GivenProjectionConfig(String queueUrl, int pollers, int waitTimeSeconds, Duration failureBackoff,
        Duration shutdownTimeout) implements ProjectionConfig {
}
