package dev.eventpipeline.bench.streamprocessor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.Comparison;
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
 * Records per second through the stream processor's Lambda handler into ElasticMQ, against a raw
 * {@code SendMessageBatch} loop of the same messages with the same client. Each repetition sends every event of the
 * shared GitHub sample once, under fresh subjects so that SQS deduplication never drops a message; payload building
 * and queue purges stay outside the timed part. The handler gets full Lambda batches
 * ({@value StreamEventPayloads#BATCH_SIZE} records), so the batch fill it reaches is the fill at saturation.
 */
final class StreamProcessorComparison implements Comparison {

    private final Path sample;
    private final SendCounter counter = new SendCounter();
    private final long[] handlerSends = new long[2];
    private final long[] rawSends = new long[2];
    private SQSRestServer server;
    private SqsClient sqs;
    private String queueUrl;
    private StreamProcessorHandler handler;
    private int round;

    StreamProcessorComparison(Path sample) {
        this.sample = sample;
    }

    @Override
    public Spec spec() {
        return new Spec("stream processor records/s", "raw SendMessageBatch loop, same messages and client", "records/s",
                0.8, true);
    }

    @Override
    public void setUp() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        sqs = client("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        queueUrl = sqs.createQueue(request -> request
                .queueName("projection.fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        handler = new StreamProcessorHandler(new StreamForwarder(sqs, Routing.of(queueUrl, Optional.empty())));
    }

    /**
     * Four rounds per side: the handler's JSON reading and message building take about that many 7,702-record rounds
     * to be compiled to their fastest on a busy two-core machine. A quick run, with shorter rounds, does two.
     */
    @Override
    public void warmUp() throws IOException {
        int rounds = BenchMode.current() == BenchMode.QUICK ? 2 : 4;
        for (int i = 0; i < rounds; i++) {
            measureSystem();
            measureBaseline();
        }
        handlerSends[0] = handlerSends[1] = rawSends[0] = rawSends[1] = 0;
    }

    @Override
    public double measureSystem() throws IOException {
        List<byte[]> payloads = StreamEventPayloads.of(SampleEvents.read(sample, "handler-" + round++ + "/"));
        counter.takeCounts();
        long start = System.nanoTime();
        for (byte[] payload : payloads) {
            invoke(payload);
        }
        return recordsPerSecond(start, handlerSends);
    }

    @Override
    public double measureBaseline() {
        List<SendMessageBatchRequest> batches = rawBatches(SampleEvents.read(sample, "raw-" + round++ + "/"));
        counter.takeCounts();
        long start = System.nanoTime();
        for (SendMessageBatchRequest batch : batches) {
            if (!sqs.sendMessageBatch(batch).failed().isEmpty()) {
                throw new IllegalStateException("ElasticMQ refused entries of the raw loop");
            }
        }
        return recordsPerSecond(start, rawSends);
    }

    /** Messages per {@code SendMessageBatch} call of the handler over every measured round. */
    double batchFill() {
        return (double) handlerSends[1] / handlerSends[0];
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("stream processor batch fill", String.format("%.2f messages per SendMessageBatch (target >= 9)",
                batchFill()));
        facts.put("raw loop batch fill", String.format("%.2f messages per SendMessageBatch",
                (double) rawSends[1] / rawSends[0]));
        facts.put("stream processor Lambda batch size", StreamEventPayloads.BATCH_SIZE + " records");
        facts.put("SQS", "ElasticMQ in the same JVM, one FIFO queue");
        return facts;
    }

    @Override
    public void close() {
        if (sqs != null) {
            sqs.close();
        }
        if (server != null) {
            server.stopAndWait();
        }
    }

    private SqsClient client(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override -> override.addExecutionInterceptor(counter))
                .build();
    }

    private void invoke(byte[] payload) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload), response, null);
        if (!response.toString(StandardCharsets.UTF_8).contains("\"batchItemFailures\":[]")) {
            throw new IllegalStateException("the handler reported a failure: " + response);
        }
    }

    /** Stops the clock, adds the requests and messages sent to the totals, and empties the queue untimed. */
    private double recordsPerSecond(long start, long[] totals) {
        long elapsed = System.nanoTime() - start;
        long[] counts = counter.takeCounts();
        totals[0] += counts[0];
        totals[1] += counts[1];
        sqs.purgeQueue(request -> request.queueUrl(queueUrl));
        // One route: each record is one message.
        return counts[1] * 1e9 / elapsed;
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
}
