package dev.eventpipeline.projection.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.eventpipeline.projection.ProjectedEvent;
import dev.eventpipeline.projection.StreamSummary;
import dev.eventpipeline.projection.store.EventQueries;
import io.smallrye.mutiny.Uni;

/** One stream: its summary and its history. */
@Path("/streams/{subject}")
@Produces(MediaType.APPLICATION_JSON)
public class StreamResource {

    /** The most events one page of a stream's history returns. */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;

    private final EventQueries queries;

    public StreamResource(EventQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "The stream's summary: last sequence, event count, first and last time, last type")
    @APIResponse(responseCode = "200", description = "The stream's summary", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StreamSummary.class)))
    @APIResponse(responseCode = "404", description = "No event of the stream is projected: problem JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StreamSummary> summary(@PathParam("subject") String subject) {
        return queries.summary(subject)
                .onItem().ifNull().failWith(() -> new NotFoundProblem("No event of stream '" + subject + "' is projected"));
    }

    @GET
    @Path("/events")
    @Operation(summary = "The stream's events in sequence order, from a sequence on; at most 1000 per page")
    @APIResponse(responseCode = "200", description = "A page of the stream's events", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StreamEvents.class)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid: problem JSON naming each one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No event of the stream is projected: problem JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StreamEvents> events(
            @PathParam("subject") String subject,
            @Parameter(description = "First sequence to return (default 1); the next page starts at nextFromSequence") @QueryParam("fromSequence") String fromSequence,
            @Parameter(description = "Page size, default 100, capped at 1000") @QueryParam("limit") String limit) {
        QueryParameters parameters = new QueryParameters();
        long from = parameters.atLeast("fromSequence", fromSequence, 1, 1);
        int size = parameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.validate();
        // An empty page past a stream's end is an answer (no newer events yet); a stream never seen is not found,
        // as its summary is.
        return queries.streamEvents(subject, from, size)
                .flatMap(events -> !events.isEmpty() ? Uni.createFrom().item(StreamEvents.of(subject, events, size))
                        : queries.summary(subject)
                                .onItem().ifNull().failWith(() -> new NotFoundProblem(
                                        "No event of stream '" + subject + "' is projected"))
                                .map(known -> StreamEvents.of(subject, events, size)));
    }

    /**
     * A page of a stream's history.
     *
     * @param subject the stream
     * @param events its events in sequence order
     * @param limit the page size used (the cap is {@value StreamResource#MAX_LIMIT})
     * @param nextFromSequence the {@code fromSequence} of the next page, or {@code null} when this page was not full
     */
    public record StreamEvents(String subject, List<ProjectedEvent> events, int limit, Long nextFromSequence) {

        static StreamEvents of(String subject, List<ProjectedEvent> events, int limit) {
            Long next = events.size() < limit ? null : events.get(events.size() - 1).sequence() + 1;
            return new StreamEvents(subject, events, limit, next);
        }
    }
}
