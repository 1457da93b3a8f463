package dev.eventpipeline.model;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import dev.eventpipeline.model.internal.JsonText;
import io.cloudevents.core.v1.CloudEventV1;

/**
 * Reads CloudEvents 1.0 envelopes as producers send them and applies this system's rules.
 * <p>
 * Structured mode is the CloudEvents JSON format; binary mode is the CloudEvents HTTP binding with {@code ce-*}
 * headers. Every rule is checked and every violation reported together in one {@link InvalidEventException}.
 * <p>
 * Why not the CloudEvents SDK's JSON format: it reads {@code data} through a Jackson tree and writes it back, which
 * rewrites numbers such as {@code 1e126} or {@code -0.0}, while this system promises to keep {@code data} as sent. So
 * this reader keeps the text of {@code data} and the SDK's types serve where the event leaves the system
 * ({@link Event#toCloudEvent()}).
 */
public final class Envelopes {

    /** The extension by which a producer asks for an append only if the stream's last sequence is this one. */
    public static final String EXPECTED_SEQUENCE = "expectedsequence";
    /** Extension the pipeline adds: the event's sequence in its stream. Producers cannot send it. */
    public static final String SEQUENCE = "sequence";
    /** Extension the pipeline adds: when ingest accepted the event. Producers cannot send it. */
    public static final String RECEIVED_AT = "receivedat";

    private static final Pattern JSON_MEDIA_TYPE = Pattern.compile(
            "\\s*(application/json|[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+\\+json)\\s*(;.*)?", Pattern.CASE_INSENSITIVE);
    private static final String BINARY_PREFIX = "ce-";

    private Envelopes() {
    }

    /**
     * Reads one event in structured mode from UTF-8 bytes.
     *
     * @throws InvalidEventException naming every rule the event breaks
     */
    public static Event parseStructured(byte[] utf8) {
        return parseStructured(decodeUtf8(utf8));
    }

    /**
     * Reads one event in structured mode.
     *
     * @throws InvalidEventException naming every rule the event breaks
     */
    public static Event parseStructured(String json) {
        return EnvelopeRules.toEvent(readObject(json, false));
    }

    /**
     * Reads an {@code application/cloudevents-batch+json} body: a JSON array of structured events. Each element is
     * judged on its own, so one bad event does not hide the others.
     *
     * @return one outcome per element, in order
     * @throws InvalidEventException when the body as a whole is not a JSON array
     */
    public static List<BatchEntry> parseBatch(String json) {
        List<BatchEntry> entries = new ArrayList<>();
        try (JsonParser p = JsonText.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidEventException(new Violation(ViolationCode.INVALID_JSON, "",
                        "a batch must be a JSON array of CloudEvents in structured mode"));
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                entries.add(batchEntry(rawValue(p, json)));
            }
            requireEnd(p);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string does not fail", e);
        }
        return entries;
    }

    /**
     * Reads one event in binary mode: attributes from {@code ce-*} headers (percent-encoded as the HTTP binding says),
     * {@code datacontenttype} from {@code Content-Type}, and {@code data} from the body.
     *
     * @param headers request headers; names in any case
     * @param body the request body, empty for an event without data
     * @throws InvalidEventException naming every rule the event breaks
     */
    public static Event parseBinary(Map<String, String> headers, String body) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(BINARY_PREFIX) && lower.length() > BINARY_PREFIX.length()) {
                attributes.put(lower.substring(BINARY_PREFIX.length()), percentDecode(value));
            } else if (lower.equals("content-type")) {
                attributes.put(CloudEventV1.DATACONTENTTYPE, value);
            }
        });
        String data = body == null || body.isBlank() ? null : body;
        if (data != null) {
            try (JsonParser p = JsonText.FACTORY.createParser(data)) {
                p.nextToken();
                p.skipChildren();
                requireEnd(p);
            } catch (JsonProcessingException e) {
                if (isJson(attributes.get(CloudEventV1.DATACONTENTTYPE))) {
                    throw new InvalidEventException(new Violation(ViolationCode.INVALID_JSON, "data",
                            "the body is not well-formed JSON: " + e.getOriginalMessage()));
                }
            } catch (IOException e) {
                throw new IllegalStateException("reading from a string does not fail", e);
            }
        }
        return EnvelopeRules.toEvent(new RawEnvelope(attributes, data, false, false));
    }

    /**
     * Reads the JSON form in which the pipeline carries a stored event (see {@link EventJson#write(StoredEvent)}).
     */
    static StoredEvent parseStored(String json) {
        RawEnvelope raw = readObject(json, true);
        Event event = EnvelopeRules.toEvent(raw);
        long sequence = ((Number) raw.attributes().get(SEQUENCE)).longValue();
        Instant receivedAt = Timestamps.parse((String) raw.attributes().get(RECEIVED_AT));
        return new StoredEvent(event, sequence, receivedAt);
    }

    /** True for {@code null} (JSON implied), {@code application/json} and any {@code +json} media type. */
    public static boolean isJson(Object contentType) {
        return contentType == null || contentType instanceof String text && JSON_MEDIA_TYPE.matcher(text).matches();
    }

    private static BatchEntry batchEntry(String rawEvent) {
        try {
            return BatchEntry.valid(parseStructured(rawEvent));
        } catch (InvalidEventException e) {
            return BatchEntry.invalid(e.violations(), readableAttribute(rawEvent, "id"),
                    readableAttribute(rawEvent, "source"));
        }
    }

    /** A top-level string attribute of an element that is not a valid event, or {@code null} when there is none. */
    private static String readableAttribute(String rawEvent, String name) {
        try {
            return readObject(rawEvent, false).attributes().get(name) instanceof String value ? value : null;
        } catch (RuntimeException e) {
            // Not even a JSON object (InvalidEventException included): the element has no name to give.
            return null;
        }
    }

    private static RawEnvelope readObject(String json, boolean stored) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        String data = null;
        boolean dataBase64 = false;
        try (JsonParser p = JsonText.FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidEventException(new Violation(ViolationCode.INVALID_JSON, "",
                        "a CloudEvent in structured mode is a JSON object"));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("data")) {
                    data = value == JsonToken.VALUE_NULL ? null : rawValue(p, json);
                } else if (name.equals("data_base64")) {
                    dataBase64 = true;
                    p.skipChildren();
                } else {
                    attributes.put(name, scalar(p, value));
                }
            }
            requireEnd(p);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string does not fail", e);
        }
        return new RawEnvelope(attributes, data, dataBase64, stored);
    }

    /** The text of the value at the parser's current token; leaves the parser on the value's last token. */
    private static String rawValue(JsonParser p, String json) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
        } else {
            p.finishToken();
        }
        int end = (int) p.currentLocation().getCharOffset();
        return json.substring(start, end);
    }

    private static Object scalar(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> p.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_NULL -> null;
            default -> {
                p.skipChildren();
                yield token == JsonToken.START_ARRAY ? List.of() : Map.of();
            }
        };
    }

    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new InvalidEventException(new Violation(ViolationCode.INVALID_JSON, "",
                    "unexpected content after the JSON value at character " + p.currentTokenLocation().getCharOffset()));
        }
    }

    private static InvalidEventException malformed(JsonProcessingException e) {
        return new InvalidEventException(new Violation(ViolationCode.INVALID_JSON, "",
                "the body is not well-formed JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr()
                        + ", column " + e.getLocation().getColumnNr() + ")"));
    }

    private static String decodeUtf8(byte[] utf8) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(new Violation(ViolationCode.INVALID_JSON, "",
                    "the body is not valid UTF-8; JSON must be sent as UTF-8"));
        }
    }

    private static String percentDecode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
