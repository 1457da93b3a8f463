package dev.eventpipeline.projection.api;

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

import dev.eventpipeline.projection.EventPage;
import dev.eventpipeline.projection.EventQuery;
import dev.eventpipeline.projection.ProjectedEvent;
import dev.eventpipeline.projection.store.EventQueries;
import io.smallrye.mutiny.Uni;

/** Events across streams: filtered and paged, or one looked up by {@code source} and {@code id}. */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventResource {

    /** The most events one page returns. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;

    private final EventQueries queries;

    public EventResource(EventQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Events that match every filter given, ordered by (time, subject, sequence);"
            + " walk the pages with 'after' set to the previous page's 'next'. At most 1000 per page.")
    @APIResponse(responseCode = "200", description = "The matching events, a page at a time", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Events.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: problem JSON naming each one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Events> events(
            @Parameter(description = "CloudEvents type") @QueryParam("type") String type,
            @Parameter(description = "CloudEvents source") @QueryParam("source") String source,
            @Parameter(description = "CloudEvents subject (the stream)") @QueryParam("subject") String subject,
            @Parameter(description = "RFC 3339; events at or after (their time, or when ingest received them)") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339; events before") @QueryParam("to") String to,
            @Parameter(description = "JSON that data must contain, e.g. {\"action\":\"opened\"}") @QueryParam("data") String data,
            @Parameter(description = "asc (default, oldest first) or desc") @QueryParam("order") String order,
            @Parameter(description = "Page size, default 100, capped at 1000") @QueryParam("limit") String limit,
            @Parameter(description = "The 'next' of the previous page") @QueryParam("after") String after) {
        EventQuery query = query(type, source, subject, from, to, data, order, limit, after);
        return queries.events(query)
                .map(page -> Events.of(page, query.limit()));
    }

    @GET
    @Path("/lookup")
    @Operation(summary = "The event with this source and id")
    @APIResponse(responseCode = "200", description = "The event", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectedEvent.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: problem JSON naming each one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No event with this source and id is projected: problem JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ProjectedEvent> lookup(@QueryParam("source") String source, @QueryParam("id") String id) {
        QueryParameters parameters = new QueryParameters();
        parameters.required("source", source);
        parameters.required("id", id);
        parameters.validate();
        return queries.lookup(source, id)
                .onItem().ifNull().failWith(() -> new NotFoundProblem(
                        "No event with source '" + source + "' and id '" + id + "' is projected"));
    }

    private static EventQuery query(String type, String source, String subject, String from, String to, String data,
            String order, String limit, String after) {
        QueryParameters parameters = new QueryParameters();
        Instant fromTime = parameters.timestamp("from", from);
        Instant toTime = parameters.timestamp("to", to);
        parameters.ordered(fromTime, toTime);
        EventQuery query = new EventQuery(
                parameters.optional(type),
                parameters.optional(source),
                parameters.optional(subject),
                fromTime,
                toTime,
                parameters.json("data", data),
                "desc".equals(parameters.oneOf("order", order, Set.of("asc", "desc"), "asc")),
                parameters.cursor("after", after),
                parameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT));
        parameters.validate();
        return query;
    }

    /**
     * A page of events.
     *
     * @param events the events, in the order asked for
     * @param limit the page size used (the cap is {@value EventResource#MAX_LIMIT})
     * @param next the {@code after} of the next page, or {@code null} on the last page
     */
    public record Events(List<ProjectedEvent> events, int limit, String next) {

        static Events of(EventPage page, int limit) {
            return new Events(page.events(), limit, page.next() == null ? null : page.next().encode());
        }
    }
}
