package dev.eventpipeline.localstack.dynamodb.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Deletes expired items of tables with time to live enabled and trims stream records past their retention. Like the
 * service, it deletes items whose TTL attribute is a number of epoch seconds in the past, but not more than five years
 * in the past; each deletion leaves a REMOVE stream record attributed to the service.
 */
public final class TimeToLiveSweeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TimeToLiveSweeper.class);
    private static final long FIVE_YEARS_SECONDS = Duration.ofDays(5 * 365).toSeconds();

    private final Database database;
    private final ScheduledExecutorService scheduler;

    private TimeToLiveSweeper(Database database) {
        this.database = database;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "local-dynamodb-ttl");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sweeps every {@code interval}. */
    public static TimeToLiveSweeper start(Database database, Duration interval) {
        TimeToLiveSweeper sweeper = new TimeToLiveSweeper(database);
        sweeper.scheduler.scheduleWithFixedDelay(sweeper::sweepSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return sweeper;
    }

    private void sweepSafely() {
        try {
            database.write(this::sweep);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Time to live sweep failed; the next sweep retries");
        }
    }

    private Void sweep() {
        long nowSeconds = database.nowMillis() / 1000;
        List<Change> expired = new ArrayList<>();
        for (Table table : database.tables().values()) {
            if (table.ttlAttribute != null) {
                table.forEachItem((key, item) -> {
                    if (isExpired(item.get(table.ttlAttribute), nowSeconds)) {
                        expired.add(new Change(table, key, item, null, true));
                    }
                });
            }
        }
        if (!expired.isEmpty()) {
            database.commit(expired);
            LOG.debugf("Time to live deleted %d expired items", expired.size());
        }
        database.trimStreams();
        return null;
    }

    private static boolean isExpired(JsonNode value, long nowSeconds) {
        if (value == null || !value.has("N")) {
            return false;
        }
        double expiry = AttributeValues.number(value).doubleValue();
        return expiry < nowSeconds && expiry > nowSeconds - FIVE_YEARS_SECONDS;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
