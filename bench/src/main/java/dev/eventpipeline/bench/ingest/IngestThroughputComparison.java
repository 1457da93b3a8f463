package dev.eventpipeline.bench.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.eventpipeline.bench.BenchMode;
import dev.eventpipeline.bench.Comparison;
import dev.eventpipeline.model.Envelopes;

/**
 * Events stored per second by the warm ingest function, loaded in this JVM ({@link InProcessFunction}) and invoked one
 * event at a time (the concurrency of one Lambda instance), against {@link RawAppend} from the same thread, against
 * the same local DynamoDB. Each repetition sends {@value #EVENTS} events spread over {@value #SUBJECTS} subjects.
 */
final class IngestThroughputComparison implements Comparison {

    private static final boolean QUICK = BenchMode.current() == BenchMode.QUICK;
    /** Per repetition and side; a quick run measures fewer, after a shorter warm-up, and is the noisier for it. */
    private static final int EVENTS = QUICK ? 300 : 500;
    private static final int WARM_UP_EVENTS = QUICK ? 700 : 3000;
    private static final int SUBJECTS = 16;

    private final IngestFixture fixture;
    private final Path app;
    private InProcessFunction function;
    private RawAppend raw;
    private int repetition;

    IngestThroughputComparison(IngestFixture fixture, Path app) {
        this.fixture = fixture;
        this.app = app;
    }

    @Override
    public Spec spec() {
        return new Spec("ingest events/s (handler in-process)", "raw SDK loop: 2 GetItem + TransactWriteItems", "events/s",
                0.8, true);
    }

    /** What the SAM template and the Lambda environment would set, as system properties for the in-process function. */
    @Override
    public void setUp() throws Exception {
        System.setProperty("quarkus.dynamodb.endpoint-override", fixture.endpoint());
        System.setProperty("quarkus.dynamodb.aws.region", IngestFixture.REGION);
        System.setProperty("quarkus.dynamodb.aws.credentials.type", "static");
        System.setProperty("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "local");
        System.setProperty("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "local");
        System.setProperty("ingest.events-table", IngestFixture.EVENTS_TABLE);
        System.setProperty("ingest.dedup-table", IngestFixture.DEDUP_TABLE);
        // Netty's start-up facts (one DEBUG line each) are noise in the bench's output.
        System.setProperty("quarkus.log.console.level", "INFO");
        function = InProcessFunction.load(app, IngestFixture.QUARKUS_HANDLER);
        raw = new RawAppend(fixture.client(), IngestFixture.EVENTS_TABLE, IngestFixture.DEDUP_TABLE);
    }

    @Override
    public void warmUp() throws Exception {
        viaFunction(WARM_UP_EVENTS, "warm-function");
        viaRaw(WARM_UP_EVENTS, "warm-raw");
    }

    @Override
    public double measureSystem() throws Exception {
        repetition++;
        return viaFunction(EVENTS, "function-" + repetition);
    }

    @Override
    public double measureBaseline() {
        return viaRaw(EVENTS, "raw-" + repetition);
    }

    private double viaFunction(int events, String prefix) throws Exception {
        List<String> invocations = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            invocations.add(IngestFixture.apiGatewayEvent(prefix + "/" + (i % SUBJECTS)));
        }
        long started = System.nanoTime();
        for (String invocation : invocations) {
            IngestFixture.requireStored(function.invoke(invocation));
        }
        return perSecond(events, started);
    }

    private double viaRaw(int events, String prefix) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            bodies.add(IngestFixture.cloudEvent(prefix + "/" + (i % SUBJECTS)));
        }
        long started = System.nanoTime();
        for (String body : bodies) {
            raw.append(Envelopes.parseStructured(body));
        }
        return perSecond(events, started);
    }

    private static double perSecond(int events, long startedNanos) {
        return events / ((System.nanoTime() - startedNanos) / 1e9);
    }
}
