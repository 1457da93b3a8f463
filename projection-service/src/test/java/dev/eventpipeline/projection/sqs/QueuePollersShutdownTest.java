package dev.eventpipeline.projection.sqs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.eventpipeline.projection.LocalServices;
import dev.eventpipeline.projection.ProjectionConfig;
import dev.eventpipeline.projection.ProjectionMetrics;
import dev.eventpipeline.projection.store.ProjectionStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the pollers against ElasticMQ. Regression: Ctrl-C of the local pipeline took 20 s, because shutdown waited
 * for each poller's open long poll to run out before the service could exit.
 */
@QuarkusTest
@WithTestResource(LocalServices.class)
class QueuePollersShutdownTest {

    /** Without the release, a message received while stopping would stay invisible this long. */
    private static final int VISIBILITY_TIMEOUT_SECONDS = 120;

    @Inject
    SqsClient sqs;
    @Inject
    ProjectionStore store;
    @Inject
    ProjectionMetrics metrics;

    @Test
    void stop_shouldNotWaitForAnOpenLongPoll_andHandBackWhatItReturnsAfterwards() throws Exception {
        // GIVEN one poller of a queue of its own, waiting in a 20 s long poll
        String queueUrl = sqs.createQueue(request -> request.queueName("stopping-" + UUID.randomUUID() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS))))
                .queueUrl();
        ProjectionConfig config = config(queueUrl);
        QueuePollers pollers = new QueuePollers(new MessageBatchHandler(sqs, store, metrics, config), config);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        pollers.start(null);
        Thread poller = await().until(() -> newPoller(before), thread -> thread != null && inReceive(thread));

        // WHEN the service stops
        pollers.stop(null);

        // THEN stop returned while the long poll is still open
        assertThat(poller.isAlive()).as("the poller is still in its long poll").isTrue();
        assertThat(inReceive(poller)).isTrue();

        // AND a message that the open receive returns is handed back, not projected and not held for the timeout
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"not\":\"an event\"}")
                .messageGroupId("g").messageDeduplicationId("m1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !poller.isAlive());
        List<Message> again = sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(1)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .as("received once by the stopping poller, then again here").isEqualTo("2");
    }

    private static Thread newPoller(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.getName().startsWith("projection-poller-"))
                .findFirst()
                .orElse(null);
    }

    private static boolean inReceive(Thread thread) {
        return java.util.Arrays.stream(thread.getStackTrace())
                .map(frame -> frame.getClassName() + "." + frame.getMethodName())
                .collect(Collectors.toSet())
                .contains(MessageBatchHandler.class.getName() + ".receive");
    }

    private static ProjectionConfig config(String queueUrl) {
        return ProjectionConfig.of(queueUrl, 1, 20, Duration.ofMillis(100), Duration.ofSeconds(30));
    }
}
