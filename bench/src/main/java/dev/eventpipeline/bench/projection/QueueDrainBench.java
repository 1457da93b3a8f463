package dev.eventpipeline.bench.projection;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventpipeline.bench.BenchMains;
import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.BenchReport;
import dev.eventpipeline.bench.BenchRunner;
import dev.eventpipeline.bench.Comparison;
import dev.eventpipeline.bench.Row;
import dev.eventpipeline.localstack.sqs.LocalSqs;
import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.projection.ProjectionConfig;
import dev.eventpipeline.projection.ProjectionMetrics;
import dev.eventpipeline.projection.sqs.MessageBatchHandler;
import dev.eventpipeline.projection.store.ProjectionStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Draining a pre-filled projection queue: the service's pollers (receive, project into PostgreSQL, delete) against a
 * raw receive-and-delete loop with the same number of threads on an equally filled queue (target: at least 0.7x).
 * Both run against ElasticMQ and PostgreSQL 16 started on 127.0.0.1 by this main.
 */
public final class QueueDrainBench {

    /** Per round and side: the queue is filled anew before each, which a quick run keeps shorter. */
    static final int MESSAGES = BenchMode.current() == BenchMode.QUICK ? 600 : 1000;
    static final int POLLERS = 2;
    static final Duration DRAIN_LIMIT = Duration.ofMinutes(3);

    private QueueDrainBench() {
    }

    public static void main(String[] args) {
        BenchMains.runAndExit(() -> run());
    }

    private static void run() throws Exception {
        try (BenchDatabase database = BenchDatabase.start();
                LocalSqs elasticMq = LocalSqs.start(0);
                SqsClient sqs = client(elasticMq)) {
            BenchRunner runner = new BenchRunner(3, System.out::println);
            Row row = runner.run(new Drain(database, sqs));
            BenchReport report = new BenchReport(List.of(row), Map.of("postgres", database.version(),
                    "messages per run", Integer.toString(MESSAGES), "pollers", Integer.toString(POLLERS)),
                    Instant.now());
            System.out.print(report.text());
            report.write(Path.of("bench/results/projection-drain"));
        }
    }

    private static SqsClient client(LocalSqs elasticMq) {
        return SqsClient.builder()
                .endpointOverride(elasticMq.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Service pollers against raw receive-and-delete, each on a freshly filled queue. */
    static final class Drain implements Comparison {

        private final BenchDatabase database;
        private final SqsClient sqs;
        private final String payload = BenchRows.payload();
        private Pool pool;
        private ProjectionStore store;
        private ProjectionMetrics metrics;
        private int run;

        Drain(BenchDatabase database, SqsClient sqs) {
            this.database = database;
            this.sqs = sqs;
        }

        @Override
        public Spec spec() {
            return new Spec("projection queue drain messages/s", "raw receive-and-delete loop, " + POLLERS + " threads",
                    "msgs/s",
                    0.7, true);
        }

        @Override
        public void setUp() {
            pool = database.pool(POLLERS);
            store = new ProjectionStore(pool);
            metrics = new ProjectionMetrics(new SimpleMeterRegistry());
        }

        @Override
        public double measureSystem() throws Exception {
            String queueUrl = filledQueue();
            MessageBatchHandler handler = new MessageBatchHandler(sqs, store, metrics, config(queueUrl));
            return drain(() -> handler.pollOnce(1));
        }

        @Override
        public double measureBaseline() throws Exception {
            String queueUrl = filledQueue();
            return drain(() -> receiveAndDelete(queueUrl));
        }

        private int receiveAndDelete(String queueUrl) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1))
                    .messages();
            if (messages.isEmpty()) {
                return 0;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message message : messages) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size()))
                        .receiptHandle(message.receiptHandle())
                        .build());
            }
            sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            return messages.size();
        }

        /** Runs {@value #POLLERS} threads of the loop until every message is received; returns messages/s. */
        private static double drain(Poll poll) throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(POLLERS);
            AtomicInteger received = new AtomicInteger();
            long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < POLLERS; i++) {
                running.add(threads.submit(() -> {
                    while (received.get() < MESSAGES && System.nanoTime() < deadline) {
                        received.addAndGet(poll.once());
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            threads.shutdown();
            if (received.get() < MESSAGES) {
                throw new IllegalStateException("drained only " + received + " of " + MESSAGES + " in " + DRAIN_LIMIT);
            }
            return received.get() / seconds;
        }

        /** A new FIFO queue with {@link #MESSAGES} stored events, each of its own stream (so its own message group). */
        private String filledQueue() {
            int number = run++;
            String queueUrl = sqs.createQueue(request -> request.queueName("drain-" + number + ".fifo").attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.VISIBILITY_TIMEOUT, "30")))
                    .queueUrl();
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int n = 0; n < MESSAGES / BenchRows.BATCH_SIZE; n++) {
                for (StoredEvent stored : BenchRows.batch("q" + number + "-", n, payload)) {
                    batch.add(EventMessage.entry(Integer.toString(batch.size()), stored));
                }
                sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(batch));
                batch.clear();
            }
            return queueUrl;
        }

        private static ProjectionConfig config(String queueUrl) {
            return ProjectionConfig.of(queueUrl, POLLERS, 1, Duration.ofSeconds(1), Duration.ofSeconds(25));
        }

        @Override
        public void close() {
            pool.closeAndAwait();
        }
    }

    /** One receive of a drain loop; returns how many messages it took off the queue. */
    @FunctionalInterface
    private interface Poll {
        int once();
    }
}
