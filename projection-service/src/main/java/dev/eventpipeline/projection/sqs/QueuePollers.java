package dev.eventpipeline.projection.sqs;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.eventpipeline.projection.ProjectionConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The threads that poll the projection queue, {@code projection.pollers} of them.
 * <p>
 * On shutdown (SIGTERM when Fargate stops the task, Ctrl-C locally) the pollers stop receiving, and shutdown waits
 * for the batches being projected to be committed and deleted, up to {@code projection.shutdown-timeout}. It does not
 * wait for a long poll that is still open: messages such a receive returns after shutdown began are handed back
 * unprocessed ({@link MessageBatchHandler#release}), so a stopping task takes well under a second when it is idle
 * instead of the rest of its 20 s wait.
 */
@ApplicationScoped
public class QueuePollers {

    private static final Logger LOG = Logger.getLogger(QueuePollers.class);

    private final MessageBatchHandler handler;
    private final ProjectionConfig config;
    private final CountDownLatch stopping = new CountDownLatch(1);
    /**
     * One permit per poller, held while it projects a batch; shutdown takes them all, so it waits for exactly the
     * batches in flight, and a poller that finds no permit knows shutdown has begun.
     */
    private Semaphore projecting;
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
        projecting = new Semaphore(pollers);
        AtomicInteger number = new AtomicInteger();
        executor = Executors.newFixedThreadPool(pollers, task -> {
            // Daemons: a poller still in its long poll must not keep a stopped service's JVM alive.
            Thread thread = new Thread(task, "projection-poller-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
        if (projecting.tryAcquire(config.pollers(), config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.info("Pollers stopped; no batch was left in flight");
        } else {
            LOG.warnf("A batch was still being projected after %s; its messages come back after the visibility"
                    + " timeout and are ignored as duplicates if it committed", config.shutdownTimeout());
        }
        // No interrupt: the SDK would drop the answer of a receive in flight, and its messages would stay invisible
        // for the visibility timeout instead of being handed back.
    }

    private void poll() {
        while (stopping.getCount() > 0) {
            try {
                pollOnce();
            } catch (SdkException e) {
                if (stopping.getCount() == 0) {
                    return;
                }
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

    private void pollOnce() {
        List<Message> messages = handler.receive(config.waitTimeSeconds());
        if (messages.isEmpty()) {
            return;
        }
        if (stopping.getCount() == 0 || !projecting.tryAcquire()) {
            handler.release(messages);
            return;
        }
        try {
            handler.delete(handler.project(messages));
        } finally {
            projecting.release();
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
