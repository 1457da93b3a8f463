package dev.eventpipeline.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.eventpipeline.ingest.store.EventStore;
import io.quarkus.runtime.Startup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the DynamoDB adapter from the configured tables, with a DynamoDB client of its own. The adapter itself stays
 * free of CDI so that benchmarks and other hosts can build it the same way.
 * <p>
 * The client comes from the builder that quarkus-amazon-dynamodb configures (endpoint, region, credentials, URL
 * connection transport) and gets {@link EventStore#retryStrategy()} once, as client configuration: the extension has
 * no retry setting, and a retry strategy set per request makes the SDK rebuild the client's configuration on every
 * call.
 */
@Singleton
public class EventStoreProducer {

    /**
     * Never resolved. FYI: quarkus-amazon-dynamodb creates its client builder only for applications that inject its
     * client, and an {@code Instance} of the client counts as that without building a second, unused client.
     */
    @Inject
    Instance<DynamoDbClient> extensionClient;

    private DynamoDbClient dynamoDb;

    /**
     * Built at start-up rather than on the first request: creating the SDK client loads most of the SDK. On AWS
     * start-up is Lambda's init phase, which SnapStart snapshots, so after a restore no invocation pays for it.
     */
    @Produces
    @Singleton
    @Startup
    EventStore eventStore(DynamoDbClientBuilder builder, IngestConfig config) {
        dynamoDb = builder
                .overrideConfiguration(builder.overrideConfiguration()
                        .toBuilder()
                        .retryStrategy(EventStore.retryStrategy())
                        .build())
                .build();
        return new EventStore(dynamoDb, config.eventsTable(), config.dedupTable(), config.appendAttempts());
    }

    @PreDestroy
    void closeClient() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
    }
}
