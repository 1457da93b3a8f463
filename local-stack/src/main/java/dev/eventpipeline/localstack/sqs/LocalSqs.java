package dev.eventpipeline.localstack.sqs;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.jboss.logging.Logger;

import dev.eventpipeline.localstack.sam.LocalSpecs;
import scala.jdk.javaapi.FutureConverters;
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

    private static final Logger LOG = Logger.getLogger(LocalSqs.class);
    private static final int STOP_WAIT_SECONDS = 2;

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

    /**
     * Stops accepting requests and waits up to {@value #STOP_WAIT_SECONDS} s for the ones in flight. A long poll whose
     * client is gone (a consumer killed or stopped while it waited) would hold a graceful stop for the rest of its wait,
     * up to 20 s; it is left to end on its own instead, and nothing is lost with it: a message it still hands out
     * comes back after its visibility timeout.
     */
    @Override
    public void close() {
        CompletableFuture<Object> stopped = FutureConverters.asJava(server.stopAndGetFuture().apply()).toCompletableFuture();
        try {
            stopped.get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.infof("ElasticMQ on %s: stopped accepting; requests still waiting end on their own", endpoint);
        } catch (ExecutionException e) {
            LOG.warnf("ElasticMQ on %s: stopping failed: %s", endpoint, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
