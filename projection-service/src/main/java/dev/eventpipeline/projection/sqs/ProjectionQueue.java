package dev.eventpipeline.projection.sqs;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.eventpipeline.projection.ProjectionConfig;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What the projection queue reports about itself. */
@ApplicationScoped
public class ProjectionQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public ProjectionQueue(SqsClient sqs, ProjectionConfig config) {
        this.sqs = sqs;
        this.queueUrl = config.queueUrl();
    }

    /**
     * Messages waiting plus messages in flight, as SQS approximates them (it may lag by about a minute).
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the queue cannot be reached
     */
    public long backlog() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request
                .queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                + count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    public String url() {
        return queueUrl;
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        String value = attributes.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
