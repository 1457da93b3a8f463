package dev.eventpipeline.bench.streamprocessor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import dev.eventpipeline.model.EventMessage;
import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.streamprocessor.Routing;
import dev.eventpipeline.streamprocessor.StreamForwarder;
import dev.eventpipeline.streamprocessor.StreamProcessorHandler;
import dev.eventpipeline.streamprocessor.internal.QueueBatch;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Records per second through the stream processor's Lambda handler into ElasticMQ, next to a raw
 * {@code SendMessageBatch} loop of the same messages with the same client, in one run: rounds alternate which goes
 * first, after {@value #WARM_UP_ROUNDS} warm-up rounds. Also prints batch fill: messages per {@code SendMessageBatch}
 * when the handler has full Lambda batches ({@value StreamEventPayloads#BATCH_SIZE} records) to send.
 * <p>
 * Input: the shared GitHub sample ({@code <shared.data.dir>/gharchive-sample.jsonl}, or the path given as the first
 * argument). Every round uses fresh subjects so that SQS deduplication never drops a message. Everything runs on
 * 127.0.0.1, single-threaded, and stops after {@value #MEASURED_ROUNDS} measured rounds or {@link #TIME_LIMIT}.
 */
public final class StreamProcessorBench {

    private static final int WARM_UP_ROUNDS = 2;
    private static final int MEASURED_ROUNDS = 6;
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    /**
     * Held so that its level stays set: one info line per Lambda batch on the console would put the terminal into the
     * measurement.
     */
    private static final Logger STREAM_PROCESSOR_LOG = Logger.getLogger("dev.eventpipeline.streamprocessor");

    private final SqsClient sqs;
    private final SendCounter counter;
    private final String queueUrl;
    private final StreamProcessorHandler handler;
    private final Path sample;

    private StreamProcessorBench(SqsClient sqs, SendCounter counter, String queueUrl, Path sample) {
        this.sqs = sqs;
        this.counter = counter;
        this.queueUrl = queueUrl;
        this.handler = new StreamProcessorHandler(new StreamForwarder(sqs, Routing.of(queueUrl, Optional.empty())));
        this.sample = sample;
    }

    public static void main(String[] args) throws IOException {
        Path sample = args.length > 0 ? Path.of(args[0])
                : Path.of(System.getProperty("shared.data.dir", "../shared/data"), "gharchive-sample.jsonl");
        STREAM_PROCESSOR_LOG.setLevel(Level.WARNING);
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        String endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        SendCounter counter = new SendCounter();
        try (SqsClient sqs = client(endpoint, counter)) {
            String queueUrl = sqs.createQueue(request -> request
                    .queueName("projection.fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            new StreamProcessorBench(sqs, counter, queueUrl, sample).run();
        } finally {
            server.stopAndWait();
        }
    }

    private static SqsClient client(String endpoint, SendCounter counter) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override -> override.addExecutionInterceptor(counter))
                .build();
    }

    private void run() throws IOException {
        long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
        List<Double> handlerRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        long[] handlerCounts = new long[2];
        long[] rawCounts = new long[2];
        for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS && System.nanoTime() < deadline; round++) {
            List<byte[]> payloads = StreamEventPayloads.of(SampleEvents.read(sample, "handler-" + round + "/"));
            List<SendMessageBatchRequest> batches = rawBatches(SampleEvents.read(sample, "raw-" + round + "/"));
            boolean handlerFirst = round % 2 == 0;
            Pass first = handlerFirst ? handlerPass(payloads) : rawPass(batches);
            Pass second = handlerFirst ? rawPass(batches) : handlerPass(payloads);
            Pass handlerRun = handlerFirst ? first : second;
            Pass rawRun = handlerFirst ? second : first;
            System.out.printf("round %d%s: handler %.0f records/s (fill %.2f), raw %.0f records/s (fill %.2f)%n", round,
                    round < WARM_UP_ROUNDS ? " (warm-up)" : "", handlerRun.recordsPerSecond(), handlerRun.fill(),
                    rawRun.recordsPerSecond(), rawRun.fill());
            if (round >= WARM_UP_ROUNDS) {
                handlerRates.add(handlerRun.recordsPerSecond());
                rawRates.add(rawRun.recordsPerSecond());
                add(handlerCounts, handlerRun);
                add(rawCounts, rawRun);
            }
        }
        report(handlerRates, rawRates, handlerCounts, rawCounts);
    }

    private Pass handlerPass(List<byte[]> payloads) throws IOException {
        counter.takeCounts();
        long start = System.nanoTime();
        for (byte[] payload : payloads) {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(payload), response, null);
            requireNoFailure(response.toString(StandardCharsets.UTF_8));
        }
        long elapsed = System.nanoTime() - start;
        long[] counts = counter.takeCounts();
        purge();
        // One route: each record is one message.
        return new Pass((int) counts[1], elapsed, counts[0], counts[1]);
    }

    private Pass rawPass(List<SendMessageBatchRequest> batches) {
        counter.takeCounts();
        long start = System.nanoTime();
        for (SendMessageBatchRequest batch : batches) {
            if (!sqs.sendMessageBatch(batch).failed().isEmpty()) {
                throw new IllegalStateException("ElasticMQ refused entries of the raw loop");
            }
        }
        long elapsed = System.nanoTime() - start;
        long[] counts = counter.takeCounts();
        purge();
        return new Pass((int) counts[1], elapsed, counts[0], counts[1]);
    }

    /** The same messages the handler sends, packed the same way: 10 entries and 256 KiB per request at most. */
    private List<SendMessageBatchRequest> rawBatches(List<StoredEvent> events) {
        List<SendMessageBatchRequest> batches = new ArrayList<>();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        int bytes = 0;
        for (int index = 0; index < events.size(); index++) {
            SendMessageBatchRequestEntry entry = EventMessage.entry("e" + index, events.get(index));
            int size = EventMessage.sizeBytes(entry);
            if (entries.size() == QueueBatch.MAX_ENTRIES || bytes + size > QueueBatch.MAX_BYTES) {
                batches.add(request(entries));
                entries = new ArrayList<>();
                bytes = 0;
            }
            entries.add(entry);
            bytes += size;
        }
        if (!entries.isEmpty()) {
            batches.add(request(entries));
        }
        return batches;
    }

    private SendMessageBatchRequest request(List<SendMessageBatchRequestEntry> entries) {
        return SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build();
    }

    private void purge() {
        sqs.purgeQueue(request -> request.queueUrl(queueUrl));
    }

    private static void requireNoFailure(String response) {
        if (!response.contains("\"batchItemFailures\":[]")) {
            throw new IllegalStateException("the handler reported a failure: " + response);
        }
    }

    private static void add(long[] totals, Pass pass) {
        totals[0] += pass.requests();
        totals[1] += pass.entries();
    }

    private static void report(List<Double> handlerRates, List<Double> rawRates, long[] handlerCounts,
            long[] rawCounts) {
        double handler = median(handlerRates);
        double raw = median(rawRates);
        System.out.printf("%nmedian over %d rounds: handler %.0f records/s, raw SendMessageBatch loop %.0f records/s,"
                + " ratio %.2f (target >= 0.8)%n", handlerRates.size(), handler, raw, handler / raw);
        System.out.printf("batch fill: handler %.2f messages per SendMessageBatch (target >= 9), raw loop %.2f%n",
                (double) handlerCounts[1] / handlerCounts[0], (double) rawCounts[1] / rawCounts[0]);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** One timed pass over a round's messages. */
    private record Pass(int records, long elapsedNanos, long requests, long entries) {

        double recordsPerSecond() {
            return records * 1e9 / elapsedNanos;
        }

        double fill() {
            return (double) entries / requests;
        }
    }
}
