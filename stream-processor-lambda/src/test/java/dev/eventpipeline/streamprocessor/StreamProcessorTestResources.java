package dev.eventpipeline.streamprocessor;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the function meets in a test: SQS (ElasticMQ) and the Lambda Runtime API, both on 127.0.0.1 and ephemeral ports,
 * and the configuration the SAM template would set, pointing at them. Routes: {@code Fanout*} types also go to the
 * fan-out queue, {@code Missing*} types also to a queue that does not exist.
 */
public class StreamProcessorTestResources implements QuarkusTestResourceLifecycleManager {

    private LocalQueues queues;
    private FunctionUnderTest function;

    @Override
    public Map<String, String> start() {
        queues = LocalQueues.start();
        function = FunctionUnderTest.start();
        return Map.of(
                "quarkus-internal.aws-lambda.test-api", function.address(),
                "quarkus.sqs.endpoint-override", queues.endpoint(),
                "quarkus.sqs.aws.credentials.type", "static",
                "quarkus.sqs.aws.credentials.static-provider.access-key-id", "local",
                "quarkus.sqs.aws.credentials.static-provider.secret-access-key", "local",
                "stream-processor.projection-queue-url", queues.queueUrl(LocalQueues.PROJECTION_QUEUE),
                "stream-processor.fanout-routes", "Fanout*=" + queues.queueUrl(LocalQueues.FANOUT_QUEUE)
                        + ",Missing*=" + queues.queueUrl(LocalQueues.MISSING_QUEUE));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(function,
                new TestInjector.AnnotatedAndMatchesType(InjectFunctionUnderTest.class, FunctionUnderTest.class));
    }

    @Override
    public void stop() {
        if (function != null) {
            function.close();
        }
        if (queues != null) {
            queues.close();
        }
    }
}
