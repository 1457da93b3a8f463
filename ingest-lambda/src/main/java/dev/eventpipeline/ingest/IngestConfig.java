package dev.eventpipeline.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the ingest function. In AWS the SAM template sets them through the environment variables named below;
 * {@code application.properties} maps each variable onto its property.
 */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /**
     * The DynamoDB table with one item per stored event (partition key {@code subject}, sort key {@code sequence}).
     * Environment variable {@code EVENTS_TABLE}.
     */
    String eventsTable();

    /**
     * The DynamoDB table with one deduplication record per {@code source} + {@code id} and one head item per stream
     * (partition key {@code pk}). Environment variable {@code DEDUP_TABLE}.
     */
    String dedupTable();

    /**
     * The most events one {@code POST /events/batch} may carry; more are refused with 413. Environment variable
     * {@code INGEST_MAX_BATCH_EVENTS}, default 500.
     */
    @WithDefault("500")
    int maxBatchEvents();

    /**
     * How many times one event's append is tried when its stream head moved under it (concurrent producers on the same
     * subject) or DynamoDB throttled the transaction, before the event is answered with 503 and {@code Retry-After}.
     * Bounded so that a hot stream answers within the API Gateway timeout instead of spinning. Environment variable
     * {@code INGEST_APPEND_ATTEMPTS}, default 5.
     */
    @WithDefault("5")
    int appendAttempts();
}
