package dev.eventpipeline.projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real PostgreSQL 16 (embedded binaries) and real SQS protocol (ElasticMQ), both on 127.0.0.1 with ports chosen by
 * the system, plus the projection queue and its dead-letter queue as the SAM template declares them, with short
 * timeouts so redelivery happens within a test.
 * <p>
 * PostgreSQL runs with a session time zone of {@value #DATABASE_TIME_ZONE} (and the JVM with Asia/Kathmandu, from the
 * pom), so every timestamp the API returns is checked under time zones that are neither UTC nor a whole hour away.
 */
public class LocalServices implements QuarkusTestResourceLifecycleManager {

    public static final String QUEUE = "projection.fifo";
    public static final String DEAD_LETTER_QUEUE = "projection-dlq.fifo";
    /** Seconds before a received, undeleted message comes back. */
    public static final int VISIBILITY_TIMEOUT_SECONDS = 1;
    /** Receives before SQS moves a message to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 4;
    static final String DATABASE_TIME_ZONE = "America/St_Johns";

    private EmbeddedPostgres postgres;
    private SQSRestServer elasticMq;

    @Override
    public Map<String, String> start() {
        String sqsEndpoint = startElasticMq();
        String queueUrl = createQueues(sqsEndpoint);
        int pgPort = startPostgres();
        return Map.ofEntries(
                Map.entry("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + pgPort + "/postgres"),
                Map.entry("quarkus.datasource.username", "postgres"),
                Map.entry("quarkus.datasource.password", "postgres"),
                Map.entry("quarkus.sqs.endpoint-override", sqsEndpoint),
                Map.entry("quarkus.sqs.aws.region", "eu-west-1"),
                Map.entry("quarkus.sqs.aws.credentials.type", "static"),
                Map.entry("quarkus.sqs.aws.credentials.static-provider.access-key-id", "local"),
                Map.entry("quarkus.sqs.aws.credentials.static-provider.secret-access-key", "local"),
                Map.entry("projection.queue-url", queueUrl),
                Map.entry("projection.pollers", "2"),
                Map.entry("projection.wait-time-seconds", "1"),
                Map.entry("projection.failure-backoff", "200ms"));
    }

    @Override
    public void stop() {
        if (elasticMq != null) {
            elasticMq.stopAndWait();
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String startElasticMq() {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = elasticMq.waitUntilStarted().localAddress().getPort();
        return "http://127.0.0.1:" + port;
    }

    private int startPostgres() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("timezone", DATABASE_TIME_ZONE)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return postgres.getPort();
    }

    /** The queues as the SAM template declares them, with test-sized timeouts. */
    private static String createQueues(String endpoint) {
        try (SqsClient sqs = client(endpoint)) {
            String deadLetterUrl = sqs.createQueue(request -> request.queueName(DEAD_LETTER_QUEUE)
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            String deadLetterArn = sqs.getQueueAttributes(request -> request.queueUrl(deadLetterUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            return sqs.createQueue(request -> request.queueName(QUEUE).attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS),
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                            + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}")))
                    .queueUrl();
        }
    }

    /** An SQS client for the test's own sends and checks. */
    public static SqsClient client(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
