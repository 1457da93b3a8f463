package dev.eventpipeline.model;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.eventpipeline.model.internal.CanonicalJson;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * A validated CloudEvents 1.0 event as a producer sent it, before the pipeline stored it.
 * <p>
 * Instances come from {@link Envelopes}, which enforces the rules of this system; the canonical constructor does not
 * validate. {@code data} holds the event's JSON value as text, exactly as sent except for insignificant whitespace:
 * numbers keep every digit, strings every escape and code point, objects their key order.
 *
 * @param id CloudEvents {@code id}, unique per {@code source}
 * @param source CloudEvents {@code source}, a URI-reference
 * @param type CloudEvents {@code type}
 * @param subject CloudEvents {@code subject}: the stream key; events of one subject are kept in order
 * @param time when the occurrence happened, normalised to UTC, or {@code null}
 * @param datacontenttype the media type of {@code data}, or {@code null} (JSON is implied)
 * @param dataschema CloudEvents {@code dataschema}, or {@code null}
 * @param data the JSON value of {@code data} as compact text, or {@code null} when the event carries no data
 * @param extensions extension attributes in the order sent; values are {@link String}, {@link Integer} or
 *        {@link Boolean}
 * @param expectedSequence the {@code expectedsequence} extension: the last sequence of the stream the producer expects
 *        before this event, or {@code null}. It is a condition on the append, not content, so it is neither stored nor
 *        part of the {@link #digest()}.
 */
public record Event(
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        String data,
        Map<String, Object> extensions,
        Long expectedSequence) {

    /** The only CloudEvents version accepted. */
    public static final String SPEC_VERSION = "1.0";

    public Event {
        extensions = extensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** Always {@value #SPEC_VERSION}. */
    public String specversion() {
        return SPEC_VERSION;
    }

    /**
     * A digest of the event's content: every attribute but {@code expectedsequence}, with {@code time} normalised and
     * {@code data} in canonical form (object keys sorted, string escapes decoded, numbers as written). Two sends with
     * equal digests are the same event (a retry); equal {@code source} and {@code id} with different digests is a
     * conflict.
     *
     * @return {@code sha256:} followed by 64 lower-case hex digits
     */
    public String digest() {
        return CanonicalJson.digest(this);
    }

    /**
     * This event as the CloudEvents SDK's type, for code that speaks the SDK (for example its HTTP and Kafka
     * bindings).
     */
    public CloudEvent toCloudEvent() {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(source))
                .withType(type)
                .withSubject(subject);
        if (time != null) {
            builder.withTime(OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        }
        if (dataschema != null) {
            builder.withDataSchema(URI.create(dataschema));
        }
        if (data != null) {
            builder.withData(datacontenttype == null ? "application/json" : datacontenttype,
                    data.getBytes(StandardCharsets.UTF_8));
        } else if (datacontenttype != null) {
            builder.withDataContentType(datacontenttype);
        }
        extensions.forEach((name, value) -> {
            if (value instanceof Integer number) {
                builder.withExtension(name, number);
            } else if (value instanceof Boolean flag) {
                builder.withExtension(name, flag);
            } else {
                builder.withExtension(name, value.toString());
            }
        });
        return builder.build();
    }

    /** This event as stored with its per-stream sequence and the time the pipeline accepted it. */
    public StoredEvent stored(long sequence, Instant receivedAt) {
        return new StoredEvent(this, sequence, receivedAt);
    }
}
