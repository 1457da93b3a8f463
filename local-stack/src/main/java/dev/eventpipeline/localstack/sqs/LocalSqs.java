package dev.eventpipeline.localstack.sqs;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import dev.eventpipeline.localstack.sam.LocalSpecs;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS for the local run: ElasticMQ embedded in this process, speaking the real SQS protocol on 127.0.0.1.
 * <p>
 * Queues live in memory. Nothing is lost by a restart all the same: every event is kept in DynamoDB, and the stream
 * mapping sends the stream again from its oldest record after a restart, which the FIFO deduplication and the
 * idempotent projection absorb.
 */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private LocalSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts ElasticMQ.
     *
     * @param port the port, 0 for any free one
     */
    public static LocalSqs start(int port) {
        SQSRestServer server = (port == 0 ? SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                : SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)).start();
        int bound = server.waitUntilStarted().localAddress().getPort();
        return new LocalSqs(server, URI.create("http://127.0.0.1:" + bound));
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Creates a queue as the template declares it (FIFO, visibility timeout, content-based deduplication, redrive).
     *
     * @param deadLetterArn the ARN of the redrive target, or {@code null}
     * @return the queue's URL and ARN, as {@code Ref}/{@code QueueUrl} and {@code Arn} for the template
     */
    public Map<String, String> createQueue(SqsClient sqs, LocalSpecs.Queue queue, String deadLetterArn) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(queue.visibilityTimeoutSeconds()));
        if (queue.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    Boolean.toString(queue.contentBasedDeduplication()));
        }
        if (deadLetterArn != null) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                    + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}");
        }
        String url = sqs.createQueue(request -> request.queueName(queue.name()).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return Map.of("Ref", url, "QueueUrl", url, "Arn", arn, "QueueName", queue.name());
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
