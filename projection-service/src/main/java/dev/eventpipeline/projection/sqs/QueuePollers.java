package dev.eventpipeline.projection.sqs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.eventpipeline.projection.ProjectionConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The threads that poll the projection queue, {@code projection.pollers} of them.
 * <p>
 * On shutdown (SIGTERM when Fargate stops the task) they stop receiving and finish the batch in flight: a receive
 * already waiting may still return messages, which are projected and deleted before the thread ends.
 */
@ApplicationScoped
public class QueuePollers {

    private static final Logger LOG = Logger.getLogger(QueuePollers.class);

    private final MessageBatchHandler handler;
    private final ProjectionConfig config;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private ExecutorService executor;

    public QueuePollers(MessageBatchHandler handler, ProjectionConfig config) {
        this.handler = handler;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        int pollers = config.pollers();
        if (pollers <= 0) {
            LOG.info("Queue polling is off (projection.pollers=0)");
            return;
        }
        AtomicInteger number = new AtomicInteger();
        executor = Executors.newFixedThreadPool(pollers,
                task -> new Thread(task, "projection-poller-" + number.incrementAndGet()));
        for (int i = 0; i < pollers; i++) {
            executor.execute(this::poll);
        }
        LOG.infof("Polling %s with %d pollers", config.queueUrl(), pollers);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopping.countDown();
        if (executor == null) {
            return;
        }
        executor.shutdown();
        if (executor.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.info("Pollers finished their batches and stopped");
        } else {
            LOG.warnf("Pollers still busy after %s; their messages come back after the visibility timeout",
                    config.shutdownTimeout());
            executor.shutdownNow();
        }
    }

    private void poll() {
        while (stopping.getCount() > 0) {
            try {
                handler.pollOnce(config.waitTimeSeconds());
            } catch (SdkException e) {
                LOG.errorf(e, "Polling %s failed; retrying in %s", config.queueUrl(), config.failureBackoff());
                backOff();
            } catch (RuntimeException e) {
                // Keep the poller alive: its undeleted messages come back after the visibility timeout.
                LOG.errorf(e, "Unexpected failure while polling %s; retrying in %s", config.queueUrl(),
                        config.failureBackoff());
                backOff();
            }
        }
    }

    /** Waits before the next receive, but no longer than until shutdown starts. */
    private void backOff() {
        try {
            stopping.await(config.failureBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
