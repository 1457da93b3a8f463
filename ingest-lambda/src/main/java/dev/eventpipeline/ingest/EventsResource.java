package dev.eventpipeline.ingest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.eventpipeline.model.BatchEntry;

/**
 * The producers' API: {@code POST /events} for one event in either CloudEvents content mode, and
 * {@code POST /events/batch} for an {@code application/cloudevents-batch+json} array.
 * <p>
 * Both read the body as bytes, not through a JSON binding, so the event model sees the text of {@code data} exactly as
 * sent. Any content type is let in and judged by {@link EventBodies}, which answers the ones it cannot read with 415.
 */
@Path("/events")
@Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
public class EventsResource {

    private final EventIngest ingest;
    private final IngestConfig config;

    EventsResource(EventIngest ingest, IngestConfig config) {
        this.ingest = ingest;
        this.config = config;
    }

    /**
     * Appends one event: 201 when stored, 200 for a resend, a problem otherwise.
     */
    @POST
    public Response append(@Context HttpHeaders headers, byte[] body) {
        return ingest.append(EventBodies.readEvent(headers, body)).toResponse();
    }

    /**
     * Appends each event of a batch on its own: 200 with one result per event, in request order.
     */
    @POST
    @Path("/batch")
    public Response appendBatch(@Context HttpHeaders headers, byte[] body) {
        List<BatchEntry> entries = EventBodies.readBatch(headers, body, config.maxBatchEvents());
        return batchResponse(entries, ingest.appendAll(entries));
    }

    private static Response batchResponse(List<BatchEntry> entries, List<Outcome> outcomes) {
        List<BatchResult> results = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            // An element that is not a valid event still names itself by its id and source, when it has them.
            results.add(outcomes.get(i).toBatchResult().namedBy(entries.get(i).id(), entries.get(i).source()));
        }
        Response.ResponseBuilder response = Response.ok(new BatchResponse(results));
        outcomes.stream()
                .map(Outcome::retryAfterSeconds)
                .filter(seconds -> seconds != null)
                .max(Integer::compare)
                .ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.build();
    }
}
