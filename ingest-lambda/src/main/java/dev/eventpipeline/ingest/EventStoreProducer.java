package dev.eventpipeline.ingest;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.eventpipeline.ingest.store.EventStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB adapter from the configured tables. The adapter itself stays free of CDI so that benchmarks
 * and other hosts can build it the same way.
 */
public class EventStoreProducer {

    @Produces
    @Singleton
    EventStore eventStore(DynamoDbClient dynamoDb, IngestConfig config) {
        return new EventStore(dynamoDb, config.eventsTable(), config.dedupTable(), config.appendAttempts());
    }
}
