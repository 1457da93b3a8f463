package dev.eventpipeline.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;

import dev.eventpipeline.model.BatchEntry;
import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.Event;
import dev.eventpipeline.model.InvalidEventException;
import dev.eventpipeline.model.Violation;
import dev.eventpipeline.model.ViolationCode;

/**
 * Reads events from request bodies as the CloudEvents HTTP binding defines the content modes.
 * <p>
 * Bodies are read as bytes and decoded here, in the request's charset, so that the text of {@code data} reaches the
 * event model exactly as sent. When API Gateway delivers a body base64-encoded ({@code isBase64Encoded}),
 * quarkus-amazon-lambda-http has already decoded it to these bytes.
 *
 * @see <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md">CloudEvents
 *      HTTP protocol binding</a>
 */
final class EventBodies {

    /** Lambda's limit on a synchronous invocation payload; API Gateway refuses larger requests before us anyway. */
    static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

    private static final String SPECVERSION_HEADER = "ce-specversion";

    private EventBodies() {
    }

    /**
     * One event in structured mode ({@code application/cloudevents+json}, or {@code application/json} without
     * {@code ce-*} headers) or binary mode ({@code ce-*} headers, {@code data} in the body).
     *
     * @throws InvalidEventException naming every rule the event breaks
     * @throws UnsupportedContentTypeException for any other content type
     * @throws RequestTooLargeException for a body over {@link #MAX_REQUEST_BYTES}
     */
    static Event readEvent(HttpHeaders headers, byte[] body) {
        requireWithinLimit(body);
        ContentType contentType = ContentType.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (contentType.is(ContentType.CLOUDEVENTS_JSON)) {
            return Envelopes.parseStructured(decode(body, contentType));
        }
        if (headers.getHeaderString(SPECVERSION_HEADER) != null) {
            return readBinary(headers, body, contentType);
        }
        if (contentType.is(ContentType.JSON)) {
            return Envelopes.parseStructured(decode(body, contentType));
        }
        throw new UnsupportedContentTypeException(unsupportedEvent(contentType));
    }

    /**
     * The events of an {@code application/cloudevents-batch+json} body, each judged on its own.
     *
     * @throws InvalidEventException when the body is not a JSON array
     * @throws UnsupportedContentTypeException for any other content type
     * @throws RequestTooLargeException for a body over {@link #MAX_REQUEST_BYTES} or more than {@code maxEvents}
     */
    static List<BatchEntry> readBatch(HttpHeaders headers, byte[] body, int maxEvents) {
        requireWithinLimit(body);
        ContentType contentType = ContentType.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (!contentType.is(ContentType.CLOUDEVENTS_BATCH_JSON)) {
            throw new UnsupportedContentTypeException("a batch must be sent as " + ContentType.CLOUDEVENTS_BATCH_JSON
                    + ", not " + describe(contentType) + "; send single events to /events");
        }
        List<BatchEntry> entries = Envelopes.parseBatch(decode(body, contentType));
        if (entries.size() > maxEvents) {
            throw new RequestTooLargeException("the batch holds " + entries.size() + " events; at most " + maxEvents
                    + " are accepted in one request; split it into smaller batches");
        }
        return entries;
    }

    private static Event readBinary(HttpHeaders headers, byte[] body, ContentType contentType) {
        if (!contentType.mediaType().isEmpty() && !Envelopes.isJson(contentType.mediaType())) {
            throw new UnsupportedContentTypeException("in binary mode the body is the event's data, and this pipeline"
                    + " stores JSON data only; " + describe(contentType) + " is not JSON. Send data as application/json");
        }
        Map<String, String> firstValues = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> firstValues.put(name, values.get(0)));
        return Envelopes.parseBinary(firstValues, decode(body, contentType));
    }

    private static void requireWithinLimit(byte[] body) {
        if (body.length > MAX_REQUEST_BYTES) {
            throw new RequestTooLargeException("the request body has " + body.length + " bytes; the limit is "
                    + MAX_REQUEST_BYTES + " bytes (6 MiB, Lambda's synchronous payload limit)");
        }
    }

    /** Decodes strictly: a byte sequence the charset cannot read is refused rather than replaced. */
    private static String decode(byte[] body, ContentType contentType) {
        try {
            return contentType.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(new Violation(ViolationCode.INVALID_JSON, "",
                    "the body is not valid " + contentType.charset().name() + " text; send UTF-8 or name the charset"
                            + " in Content-Type"));
        }
    }

    private static String unsupportedEvent(ContentType contentType) {
        return describe(contentType) + " is not a CloudEvents content mode; send " + ContentType.CLOUDEVENTS_JSON
                + " (structured mode), or the event's attributes as ce-* headers with JSON data in the body (binary"
                + " mode); batches go to /events/batch as " + ContentType.CLOUDEVENTS_BATCH_JSON;
    }

    private static String describe(ContentType contentType) {
        return contentType.mediaType().isEmpty() ? "a request without Content-Type"
                : "Content-Type '" + contentType.mediaType() + "'";
    }
}
