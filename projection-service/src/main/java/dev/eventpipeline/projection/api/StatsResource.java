package dev.eventpipeline.projection.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.eventpipeline.projection.TypeCount;
import dev.eventpipeline.projection.sqs.ProjectionQueue;
import dev.eventpipeline.projection.store.EventQueries;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Counts over the projection, from per-minute counters kept as events are projected. */
@Path("/stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    /** The most buckets one time series returns; narrow from/to or widen the interval for more. */
    static final int MAX_BUCKETS = 10_000;
    /** How long the lag endpoint waits for PostgreSQL. */
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final EventQueries queries;
    private final ProjectionQueue queue;

    public StatsResource(EventQueries queries, ProjectionQueue queue) {
        this.queries = queries;
        this.queue = queue;
    }

    @GET
    @Path("/types")
    @Operation(summary = "Events per type; from/to are compared with the start of each minute")
    @APIResponse(responseCode = "200", description = "Counts per type", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TypeCounts.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: problem JSON naming each one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TypeCounts> types(
            @Parameter(description = "RFC 3339, inclusive") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive") @QueryParam("to") String to) {
        QueryParameters parameters = new QueryParameters();
        Instant fromTime = parameters.timestamp("from", from);
        Instant toTime = parameters.timestamp("to", to);
        parameters.ordered(fromTime, toTime);
        parameters.validate();
        return queries.typeCounts(fromTime, toTime)
                .map(counts -> new TypeCounts(fromTime, toTime, counts));
    }

    @GET
    @Path("/timeseries")
    @Operation(summary = "Events per UTC minute, hour or day, of one type or all; at most 10000 buckets")
    @APIResponse(responseCode = "200", description = "Counts per bucket", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Timeseries.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: problem JSON naming each one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Timeseries> timeseries(
            @Parameter(description = "CloudEvents type; all types when absent") @QueryParam("type") String type,
            @Parameter(description = "minute, hour or day") @QueryParam("interval") String interval,
            @Parameter(description = "RFC 3339, inclusive") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive") @QueryParam("to") String to) {
        QueryParameters parameters = new QueryParameters();
        String bucket = parameters.oneOf("interval", interval, Set.of("minute", "hour", "day"), "hour");
        Instant fromTime = parameters.timestamp("from", from);
        Instant toTime = parameters.timestamp("to", to);
        parameters.ordered(fromTime, toTime);
        parameters.validate();
        String only = parameters.optional(type);
        return queries.timeseries(bucket, only, fromTime, toTime, MAX_BUCKETS)
                .map(buckets -> new Timeseries(only, bucket, fromTime, toTime, buckets));
    }

    @GET
    @Path("/lag")
    @Blocking
    @Operation(summary = "Age of the newest projected event and the projection queue's backlog")
    public Lag lag() {
        Instant newest = queries.newestReceivedAt().await().atMost(QUERY_TIMEOUT);
        Double age = newest == null ? null : Duration.between(newest, Instant.now()).toMillis() / 1000.0;
        return new Lag(newest, age, queue.backlog());
    }

    /**
     * Events per type.
     *
     * @param from the lower bound asked for, or {@code null}
     * @param to the upper bound asked for, or {@code null}
     * @param types one entry per type, by type
     */
    public record TypeCounts(Instant from, Instant to, List<TypeCount> types) {
    }

    /**
     * Events per time bucket.
     *
     * @param type the type counted, or {@code null} for all
     * @param interval minute, hour or day
     * @param from the lower bound asked for, or {@code null}
     * @param to the upper bound asked for, or {@code null}
     * @param buckets non-empty buckets in time order (a bucket with no event is left out)
     */
    public record Timeseries(String type, String interval, Instant from, Instant to, List<TypeCount> buckets) {
    }

    /**
     * How far the projection is behind.
     *
     * @param newestReceivedAt when ingest received the newest projected event, or {@code null} when none is
     * @param ageSeconds seconds since then, or {@code null}
     * @param queueBacklog messages waiting or in flight on the projection queue (SQS's approximation)
     */
    public record Lag(Instant newestReceivedAt, Double ageSeconds, long queueBacklog) {
    }
}
