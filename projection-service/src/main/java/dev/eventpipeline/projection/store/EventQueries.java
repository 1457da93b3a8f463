package dev.eventpipeline.projection.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.eventpipeline.projection.EventCursor;
import dev.eventpipeline.projection.EventPage;
import dev.eventpipeline.projection.EventQuery;
import dev.eventpipeline.projection.ProjectedEvent;
import dev.eventpipeline.projection.StreamSummary;
import dev.eventpipeline.projection.TypeCount;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the projection for the query API. Every value travels as a bind parameter, never inside the SQL text. */
@ApplicationScoped
public class EventQueries {

    public static final String EVENT_COLUMNS = """
            stream, sequence, id, source, type, time, received_at, projected_at, event_time, data_text""";

    static final String SUMMARY = """
            SELECT stream, last_sequence, event_count, first_time, last_time, last_type
            FROM stream_summary WHERE stream = $1""";

    static final String STREAM_EVENTS = "SELECT " + EVENT_COLUMNS
            + " FROM event_log WHERE stream = $1 AND sequence >= $2 ORDER BY sequence LIMIT $3";

    /** Public so that the benchmark can run the identical text in pgbench. */
    public static final String LOOKUP = "SELECT " + EVENT_COLUMNS + " FROM event_log WHERE source = $1 AND id = $2";

    static final String TYPE_COUNTS = """
            SELECT type, sum(event_count)::int8 AS events FROM type_minute_count
            WHERE minute >= coalesce($1::timestamptz, '-infinity') AND minute < coalesce($2::timestamptz, 'infinity')
            GROUP BY type ORDER BY type""";

    /** Buckets are cut in UTC whatever the session's TimeZone, so a day is a UTC day. */
    static final String TIMESERIES = """
            SELECT date_trunc($1, minute, 'UTC') AS bucket, sum(event_count)::int8 AS events FROM type_minute_count
            WHERE ($2::text IS NULL OR type = $2)
              AND minute >= coalesce($3::timestamptz, '-infinity') AND minute < coalesce($4::timestamptz, 'infinity')
            GROUP BY bucket ORDER BY bucket LIMIT $5""";

    static final String NEWEST_RECEIVED_AT = "SELECT max(received_at) AS newest FROM event_log";

    private final Pool pool;

    public EventQueries(Pool pool) {
        this.pool = pool;
    }

    /** The stream's summary, or {@code null} when no event of it has been projected. */
    public Uni<StreamSummary> summary(String stream) {
        return pool.preparedQuery(SUMMARY)
                .execute(Tuple.of(stream))
                .map(rows -> rows.size() == 0 ? null : summary(rows.iterator().next()));
    }

    /** The stream's events from a sequence on, in sequence order. */
    public Uni<List<ProjectedEvent>> streamEvents(String stream, long fromSequence, int limit) {
        return pool.preparedQuery(STREAM_EVENTS)
                .execute(Tuple.of(stream, fromSequence, limit))
                .map(EventQueries::events);
    }

    /** The event with this {@code source} and {@code id}, or {@code null}. */
    public Uni<ProjectedEvent> lookup(String source, String id) {
        return pool.preparedQuery(LOOKUP)
                .execute(Tuple.of(source, id))
                .map(rows -> rows.size() == 0 ? null : event(rows.iterator().next()));
    }

    /** One page of the events that match, in keyset order {@code (event_time, stream, sequence)}. */
    public Uni<EventPage> events(EventQuery query) {
        List<Object> parameters = new ArrayList<>();
        String sql = eventsSql(query, parameters);
        return pool.preparedQuery(sql)
                .execute(Tuple.wrap(parameters))
                .map(rows -> page(rows, query.limit()));
    }

    /** Events per type between two times (per-minute counts; a bound inside a minute counts that minute's start). */
    public Uni<List<TypeCount>> typeCounts(Instant from, Instant to) {
        return pool.preparedQuery(TYPE_COUNTS)
                .execute(Tuple.of(timestamp(from), timestamp(to)))
                .map(rows -> counts(rows, row -> new TypeCount(row.getString("type"), null, row.getLong("events"))));
    }

    /**
     * Events per UTC bucket.
     *
     * @param interval {@code minute}, {@code hour} or {@code day} (a PostgreSQL {@code date_trunc} field)
     * @param type only this type, or every type when {@code null}
     */
    public Uni<List<TypeCount>> timeseries(String interval, String type, Instant from, Instant to, int limit) {
        return pool.preparedQuery(TIMESERIES)
                .execute(Tuple.wrap(new ArrayList<>(Arrays.asList(interval, type, timestamp(from),
                        timestamp(to), limit))))
                .map(rows -> counts(rows,
                        row -> new TypeCount(type, instant(row.getOffsetDateTime("bucket")), row.getLong("events"))));
    }

    /** When ingest received the newest projected event, or {@code null} when there is none. */
    public Uni<Instant> newestReceivedAt() {
        return pool.query(NEWEST_RECEIVED_AT)
                .execute()
                .map(rows -> instant(rows.iterator().next().getOffsetDateTime("newest")));
    }

    static String eventsSql(EventQuery query, List<Object> parameters) {
        StringBuilder sql = new StringBuilder("SELECT ").append(EVENT_COLUMNS).append(" FROM event_log WHERE TRUE");
        equal(sql, parameters, "type", query.type());
        equal(sql, parameters, "source", query.source());
        equal(sql, parameters, "stream", query.subject());
        if (query.from() != null) {
            parameters.add(timestamp(query.from()));
            sql.append(" AND event_time >= $").append(parameters.size());
        }
        if (query.to() != null) {
            parameters.add(timestamp(query.to()));
            sql.append(" AND event_time < $").append(parameters.size());
        }
        if (query.data() != null) {
            parameters.add(query.data());
            // Bound as text: the pg client would encode a String bound to jsonb as a JSON string.
            sql.append(" AND data @> $").append(parameters.size()).append("::text::jsonb");
        }
        String direction = query.descending() ? "DESC" : "ASC";
        if (query.after() != null) {
            parameters.add(timestamp(query.after().eventTime()));
            parameters.add(query.after().stream());
            parameters.add(query.after().sequence());
            int n = parameters.size();
            sql.append(" AND (event_time, stream, sequence) ").append(query.descending() ? "<" : ">")
                    .append(" ($").append(n - 2).append(", $").append(n - 1).append(", $").append(n).append(")");
        }
        // One row more than the page tells whether another page follows.
        parameters.add(query.limit() + 1);
        sql.append(" ORDER BY event_time ").append(direction).append(", stream ").append(direction)
                .append(", sequence ").append(direction).append(" LIMIT $").append(parameters.size());
        return sql.toString();
    }

    private static void equal(StringBuilder sql, List<Object> parameters, String column, String value) {
        if (value != null) {
            parameters.add(value);
            sql.append(" AND ").append(column).append(" = $").append(parameters.size());
        }
    }

    private static EventPage page(RowSet<Row> rows, int limit) {
        List<ProjectedEvent> events = new ArrayList<>(limit);
        Instant lastEventTime = null;
        for (Row row : rows) {
            if (events.size() == limit) {
                ProjectedEvent last = events.get(limit - 1);
                return new EventPage(events, new EventCursor(lastEventTime, last.subject(), last.sequence()));
            }
            events.add(event(row));
            lastEventTime = instant(row.getOffsetDateTime("event_time"));
        }
        return new EventPage(events, null);
    }

    private static List<ProjectedEvent> events(RowSet<Row> rows) {
        List<ProjectedEvent> events = new ArrayList<>(rows.size());
        rows.forEach(row -> events.add(event(row)));
        return events;
    }

    private static ProjectedEvent event(Row row) {
        return new ProjectedEvent(
                row.getString("stream"),
                row.getLong("sequence"),
                row.getString("id"),
                row.getString("source"),
                row.getString("type"),
                instant(row.getOffsetDateTime("time")),
                instant(row.getOffsetDateTime("received_at")),
                instant(row.getOffsetDateTime("projected_at")),
                row.getString("data_text"));
    }

    private static StreamSummary summary(Row row) {
        return new StreamSummary(
                row.getString("stream"),
                row.getLong("last_sequence"),
                row.getLong("event_count"),
                instant(row.getOffsetDateTime("first_time")),
                instant(row.getOffsetDateTime("last_time")),
                row.getString("last_type"));
    }

    private static List<TypeCount> counts(RowSet<Row> rows, Function<Row, TypeCount> map) {
        List<TypeCount> counts = new ArrayList<>(rows.size());
        rows.forEach(row -> counts.add(map.apply(row)));
        return counts;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : ProjectionStore.timestamp(instant);
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
