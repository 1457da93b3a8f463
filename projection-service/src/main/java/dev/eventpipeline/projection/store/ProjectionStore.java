package dev.eventpipeline.projection.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.eventpipeline.model.StoredEvent;
import dev.eventpipeline.projection.Outcome;
import dev.eventpipeline.projection.ProjectedBatch;
import dev.eventpipeline.projection.StreamOrder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes batches of stored events into the PostgreSQL projection, each batch in one transaction: the event log, the
 * per-stream summary and the per-minute counts change together or not at all.
 */
@ApplicationScoped
public class ProjectionStore {

    // The statements are public so that the benchmark can run the identical text in pgbench.

    /** Locks the summaries of the batch's streams, in one order, so concurrent batches queue instead of deadlocking. */
    public static final String LOCK_STREAMS = """
            SELECT stream, last_sequence FROM stream_summary
            WHERE stream = ANY($1::text[]) ORDER BY stream FOR UPDATE""";

    public static final String INSERT_EVENTS = """
            INSERT INTO event_log (stream, sequence, id, source, type, time, received_at, data, data_text)
            SELECT stream, sequence, id, source, type, time, received_at, data_text::jsonb, data_text
            FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                        $7::timestamptz[], $8::text[])
                 AS e(stream, sequence, id, source, type, time, received_at, data_text)
            ON CONFLICT DO NOTHING
            RETURNING stream, sequence""";

    /** The WHERE clause makes a stale or concurrent batch a no-op: a summary never moves backwards. */
    public static final String ADVANCE_STREAMS = """
            INSERT INTO stream_summary AS s (stream, last_sequence, event_count, first_time, last_time, last_type)
            SELECT * FROM unnest($1::text[], $2::int8[], $3::int8[], $4::timestamptz[], $5::timestamptz[], $6::text[])
            ON CONFLICT (stream) DO UPDATE SET
                last_sequence = excluded.last_sequence,
                event_count = s.event_count + excluded.event_count,
                last_time = excluded.last_time,
                last_type = excluded.last_type
            WHERE s.last_sequence < excluded.last_sequence""";

    public static final String COUNT_MINUTES = """
            INSERT INTO type_minute_count AS c (type, minute, event_count)
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::int8[])
            ON CONFLICT (type, minute) DO UPDATE SET event_count = c.event_count + excluded.event_count""";

    private final Pool pool;

    public ProjectionStore(Pool pool) {
        this.pool = pool;
    }

    /** Projects a batch in one transaction; duplicates are ignored and gaps held back (see {@link StreamOrder}). */
    public Uni<ProjectedBatch> project(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new ProjectedBatch(List.of(), 0));
        }
        return pool.withTransaction(connection -> project(connection, events));
    }

    private Uni<ProjectedBatch> project(SqlConnection connection, List<StoredEvent> events) {
        return lockStreams(connection, events)
                .map(lastSequences -> StreamOrder.decide(events, lastSequences))
                .flatMap(outcomes -> write(connection, events, outcomes));
    }

    private Uni<ProjectedBatch> write(SqlConnection connection, List<StoredEvent> events, List<Outcome> outcomes) {
        List<StoredEvent> projected = projected(events, outcomes);
        if (projected.isEmpty()) {
            return Uni.createFrom().item(new ProjectedBatch(outcomes, 0));
        }
        // The summary and the counts depend only on the insert: both go out at once, pipelined on the connection.
        return insertEvents(connection, projected)
                .flatMap(inserted -> Uni.combine().all()
                        .unis(advanceStreams(connection, projected, inserted), countMinutes(connection, inserted))
                        .discardItems()
                        .map(ignored -> new ProjectedBatch(outcomes, inserted.size())));
    }

    private Uni<Map<String, Long>> lockStreams(SqlConnection connection, List<StoredEvent> events) {
        String[] streams = events.stream().map(StoredEvent::subject).distinct().toArray(String[]::new);
        return connection.preparedQuery(LOCK_STREAMS)
                .execute(Tuple.of(streams))
                .map(ProjectionStore::lastSequences);
    }

    private static Map<String, Long> lastSequences(RowSet<Row> rows) {
        Map<String, Long> last = new HashMap<>();
        rows.forEach(row -> last.put(row.getString("stream"), row.getLong("last_sequence")));
        return last;
    }

    private Uni<List<StoredEvent>> insertEvents(SqlConnection connection, List<StoredEvent> projected) {
        return connection.preparedQuery(INSERT_EVENTS)
                .execute(eventColumns(projected))
                .map(rows -> inserted(projected, rows));
    }

    private static Tuple eventColumns(List<StoredEvent> events) {
        int size = events.size();
        String[] streams = new String[size];
        Long[] sequences = new Long[size];
        String[] ids = new String[size];
        String[] sources = new String[size];
        String[] types = new String[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        OffsetDateTime[] receivedAts = new OffsetDateTime[size];
        String[] data = new String[size];
        for (int i = 0; i < size; i++) {
            StoredEvent stored = events.get(i);
            streams[i] = stored.subject();
            sequences[i] = stored.sequence();
            ids[i] = stored.id();
            sources[i] = stored.event().source();
            types[i] = stored.event().type();
            times[i] = stored.event().time() == null ? null : timestamp(stored.event().time());
            receivedAts[i] = timestamp(stored.receivedAt());
            data[i] = stored.event().data();
        }
        return Tuple.wrap(new ArrayList<>(List.of(streams, sequences, ids, sources, types, times, receivedAts, data)));
    }

    private static List<StoredEvent> inserted(List<StoredEvent> projected, RowSet<Row> rows) {
        Set<String> keys = new HashSet<>();
        rows.forEach(row -> keys.add(key(row.getString("stream"), row.getLong("sequence"))));
        return projected.stream().filter(stored -> keys.contains(key(stored.subject(), stored.sequence()))).toList();
    }

    private Uni<Void> advanceStreams(SqlConnection connection, List<StoredEvent> projected, List<StoredEvent> inserted) {
        Map<String, StreamAdvance> advances = new LinkedHashMap<>();
        projected.forEach(stored -> advances.computeIfAbsent(stored.subject(), StreamAdvance::new).advanceTo(stored));
        inserted.forEach(stored -> advances.get(stored.subject()).counted++);
        List<StreamAdvance> rows = List.copyOf(advances.values());
        return connection.preparedQuery(ADVANCE_STREAMS)
                .execute(Tuple.wrap(new ArrayList<>(List.of(
                        rows.stream().map(r -> r.stream).toArray(String[]::new),
                        rows.stream().map(r -> r.lastSequence).toArray(Long[]::new),
                        rows.stream().map(r -> r.counted).toArray(Long[]::new),
                        rows.stream().map(r -> timestamp(r.firstTime)).toArray(OffsetDateTime[]::new),
                        rows.stream().map(r -> timestamp(r.lastTime)).toArray(OffsetDateTime[]::new),
                        rows.stream().map(r -> r.lastType).toArray(String[]::new)))))
                .replaceWithVoid();
    }

    private Uni<Void> countMinutes(SqlConnection connection, List<StoredEvent> inserted) {
        if (inserted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Sorted by (type, minute) so concurrent batches lock the counter rows in one order.
        TreeMap<String, TreeMap<Instant, Long>> counts = new TreeMap<>();
        inserted.forEach(stored -> counts.computeIfAbsent(stored.event().type(), type -> new TreeMap<>())
                .merge(eventTime(stored).truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum));
        List<String> types = new ArrayList<>();
        List<OffsetDateTime> minutes = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        counts.forEach((type, perMinute) -> perMinute.forEach((minute, count) -> {
            types.add(type);
            minutes.add(timestamp(minute));
            values.add(count);
        }));
        return connection.preparedQuery(COUNT_MINUTES)
                .execute(Tuple.of(types.toArray(String[]::new), minutes.toArray(OffsetDateTime[]::new),
                        values.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    private static List<StoredEvent> projected(List<StoredEvent> events, List<Outcome> outcomes) {
        List<StoredEvent> projected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (outcomes.get(i) == Outcome.PROJECTED) {
                projected.add(events.get(i));
            }
        }
        return projected;
    }

    /** The time an event is filed under: its CloudEvents {@code time}, or when ingest received it. */
    static Instant eventTime(StoredEvent stored) {
        Instant time = stored.event().time();
        return time != null ? time : stored.receivedAt();
    }

    /** PostgreSQL keeps microseconds; truncating here keeps Java's view and the stored value equal. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static String key(String stream, long sequence) {
        return sequence + "/" + stream;
    }

    /** The summary change of one stream within a batch. */
    private static final class StreamAdvance {
        final String stream;
        long firstSequence = Long.MAX_VALUE;
        long lastSequence;
        long counted;
        Instant firstTime;
        Instant lastTime;
        String lastType;

        StreamAdvance(String stream) {
            this.stream = stream;
        }

        void advanceTo(StoredEvent stored) {
            if (stored.sequence() < firstSequence) {
                firstSequence = stored.sequence();
                firstTime = eventTime(stored);
            }
            if (stored.sequence() > lastSequence) {
                lastSequence = stored.sequence();
                lastTime = eventTime(stored);
                lastType = stored.event().type();
            }
        }
    }
}
