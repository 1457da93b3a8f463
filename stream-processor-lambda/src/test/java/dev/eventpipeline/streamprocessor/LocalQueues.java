package dev.eventpipeline.streamprocessor;

import java.net.URI;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ on 127.0.0.1 and an ephemeral port, speaking the SQS protocol, with the FIFO queues the tests route to.
 */
final class LocalQueues implements AutoCloseable {

    static final String PROJECTION_QUEUE = "projection.fifo";
    static final String FANOUT_QUEUE = "fanout.fifo";
    /** Routed to in tests, never created: sends to it fail as they do for a deleted queue. */
    static final String MISSING_QUEUE = "missing.fifo";

    private final SQSRestServer server;
    private final String endpoint;

    private LocalQueues(SQSRestServer server) {
        this.server = server;
        this.endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
    }

    static LocalQueues start() {
        LocalQueues queues = new LocalQueues(SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start());
        try (SqsClient sqs = queues.client()) {
            queues.createFifoQueue(sqs, PROJECTION_QUEUE);
            queues.createFifoQueue(sqs, FANOUT_QUEUE);
        }
        return queues;
    }

    String endpoint() {
        return endpoint;
    }

    String queueUrl(String queueName) {
        return endpoint + "/000000000000/" + queueName;
    }

    SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        server.stopAndWait();
    }

    private void createFifoQueue(SqsClient sqs, String queueName) {
        sqs.createQueue(request -> request
                .queueName(queueName)
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
    }
}
