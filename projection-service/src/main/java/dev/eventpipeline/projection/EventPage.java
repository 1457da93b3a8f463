package dev.eventpipeline.projection;

import java.util.List;

/**
 * One page of events.
 *
 * @param events the events of the page, in the order asked for
 * @param next where the next page starts, or {@code null} when this page is the last
 */
public record EventPage(List<ProjectedEvent> events, EventCursor next) {
}
