package dev.eventpipeline.projection.sqs;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import software.amazon.awssdk.core.exception.SdkException;

/** Ready only while the projection queue answers; PostgreSQL has its own check from the datasource extensions. */
@Readiness
@ApplicationScoped
public class SqsReadinessCheck implements HealthCheck {

    private final ProjectionQueue queue;

    public SqsReadinessCheck(ProjectionQueue queue) {
        this.queue = queue;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("SQS projection queue")
                    .up()
                    .withData("backlog", queue.backlog())
                    .build();
        } catch (SdkException e) {
            return HealthCheckResponse.named("SQS projection queue")
                    .down()
                    .withData("queueUrl", queue.url())
                    .withData("error", e.getMessage())
                    .build();
        }
    }
}
