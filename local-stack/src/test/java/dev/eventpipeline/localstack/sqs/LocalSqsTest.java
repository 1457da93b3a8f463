package dev.eventpipeline.localstack.sqs;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.eventpipeline.localstack.sam.LocalSpecs;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;

class LocalSqsTest {

    private LocalSqs local;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        local = LocalSqs.start(0);
        sqs = SqsClient.builder()
                .endpointOverride(local.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        sqs.close();
        local.close();
    }

    @Test
    void createQueue_shouldMoveAMessageToTheDeadLetterQueue_afterMaxReceiveCount() {
        Map<String, String> dlq = local.createQueue(sqs, new LocalSpecs.Queue("Dlq", "t-dlq.fifo", true, 30, false, null, 0),
                null);
        Map<String, String> queue = local.createQueue(sqs,
                new LocalSpecs.Queue("Q", "t.fifo", true, 1, false, "Dlq", 2), dlq.get("Arn"));
        sqs.sendMessage(r -> r.queueUrl(queue.get("QueueUrl")).messageBody("poison").messageGroupId("g")
                .messageDeduplicationId("d1"));

        for (int receive = 0; receive < 2; receive++) {
            assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.get("QueueUrl")).waitTimeSeconds(5)).messages())
                    .extracting(Message::body).containsExactly("poison");
        }
        // As on AWS, the receive after the last allowed one moves the message instead of returning it.
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queue.get("QueueUrl")).waitTimeSeconds(3)).messages()).isEmpty();

        assertThat(sqs.receiveMessage(r -> r.queueUrl(dlq.get("QueueUrl")).waitTimeSeconds(5)).messages())
                .extracting(Message::body).containsExactly("poison");
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queue.get("QueueUrl")).attributeNames(QueueAttributeName.ALL))
                .attributes()).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
    }
}
