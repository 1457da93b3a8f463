package dev.eventpipeline.ingest;

import java.util.List;

/**
 * The answer to {@code POST /events/batch}: one result per event, in request order.
 *
 * @param results the events' results, {@code results[i]} for the i-th event sent
 */
public record BatchResponse(List<BatchResult> results) {
}
