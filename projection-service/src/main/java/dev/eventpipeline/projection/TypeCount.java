package dev.eventpipeline.projection;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Events of one type, in total or within one time bucket.
 *
 * @param type CloudEvents {@code type}, or {@code null} for a bucket over every type
 * @param start the start of the bucket (UTC), or {@code null} for a total
 * @param count how many events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TypeCount(String type, Instant start, long count) {
}
