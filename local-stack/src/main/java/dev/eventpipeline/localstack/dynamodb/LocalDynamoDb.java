package dev.eventpipeline.localstack.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.jboss.logging.Logger;

import dev.eventpipeline.localstack.dynamodb.internal.Database;
import dev.eventpipeline.localstack.dynamodb.internal.DynamoDbApi;
import dev.eventpipeline.localstack.dynamodb.internal.Faults;
import dev.eventpipeline.localstack.dynamodb.internal.HttpFront;
import dev.eventpipeline.localstack.dynamodb.internal.PersistentState;
import dev.eventpipeline.localstack.dynamodb.internal.TimeToLiveSweeper;

/**
 * A DynamoDB and DynamoDB Streams compatible endpoint on 127.0.0.1 for tests and local runs, spoken to with the
 * unmodified AWS SDK or CLI through an endpoint override and any credentials.
 * <p>
 * It is a stand-in for development, not a database: one process, one lock, no secondary indexes, no PartiQL, no
 * legacy (non-expression) parameters, no capacity accounting. See the module README for the list.
 * <p>
 * System properties:
 * <ul>
 * <li>{@code localstack.dynamodb.ttl-sweep-millis}: how often expired items are deleted (default 1000).</li>
 * <li>{@code localstack.dynamodb.stream-retention}: how long stream records are kept, as an ISO-8601 duration
 * (default {@code PT24H}, as the service).</li>
 * </ul>
 */
public final class LocalDynamoDb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalDynamoDb.class);

    private final HttpFront front;
    private final Faults faults;
    private final TimeToLiveSweeper sweeper;
    private final PersistentState state;

    private LocalDynamoDb(HttpFront front, Faults faults, TimeToLiveSweeper sweeper, PersistentState state) {
        this.front = front;
        this.faults = faults;
        this.sweeper = sweeper;
        this.state = state;
    }

    /**
     * Starts the endpoint.
     *
     * @param port the port on 127.0.0.1, 0 for a free one
     * @param dataDirectory where tables, items and stream records survive a restart; {@code null} keeps them in
     *        memory only
     */
    public static LocalDynamoDb start(int port, Path dataDirectory) {
        Database database = new Database(Clock.systemUTC(),
                Duration.parse(System.getProperty("localstack.dynamodb.stream-retention", "PT24H")));
        PersistentState state = PersistentState.open(database, dataDirectory);
        Faults faults = new Faults();
        try {
            HttpFront front = HttpFront.start(port, new DynamoDbApi(database, faults), faults);
            TimeToLiveSweeper sweeper = TimeToLiveSweeper.start(database,
                    Duration.ofMillis(Long.getLong("localstack.dynamodb.ttl-sweep-millis", 1000)));
            LOG.infof("Local DynamoDB listening on http://127.0.0.1:%d (data %s)", front.port(),
                    dataDirectory == null ? "in memory" : dataDirectory);
            return new LocalDynamoDb(front, faults, sweeper, state);
        } catch (IOException e) {
            state.close();
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** The endpoint URL to give the SDK ({@code endpointOverride}) or the CLI ({@code --endpoint-url}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + front.port());
    }

    /**
     * Makes the next {@code count} requests of an operation fail, to test a client's retries.
     *
     * @param operation the API operation, such as {@code TransactWriteItems} or {@code GetRecords}
     * @param errorType {@code ProvisionedThroughputExceededException}, {@code ThrottlingException} (both HTTP 400,
     *        retried by the SDK as throttling) or {@code InternalServerError} (HTTP 500)
     */
    public void failNext(String operation, int count, String errorType) {
        faults.failNext(operation, count, errorType);
    }

    /** Stops serving and, with a data directory, writes a compact snapshot of the state. */
    @Override
    public void close() {
        front.close();
        sweeper.close();
        state.close();
        LOG.infof("Local DynamoDB on port %d stopped", front.port());
    }
}
