package dev.eventpipeline.model;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.eventpipeline.model.internal.JsonText;
import io.cloudevents.core.v1.CloudEventV1;

/**
 * The rules of this system on top of CloudEvents 1.0, applied to an envelope as read. Each rule adds a
 * {@link Violation}; the event is built only when there is none.
 */
final class EnvelopeRules {

    private static final Set<String> CONTEXT_ATTRIBUTES = Set.of(CloudEventV1.SPECVERSION, CloudEventV1.ID,
            CloudEventV1.SOURCE, CloudEventV1.TYPE, CloudEventV1.SUBJECT, CloudEventV1.TIME,
            CloudEventV1.DATACONTENTTYPE, CloudEventV1.DATASCHEMA);
    private static final Set<String> PIPELINE_ATTRIBUTES = Set.of(Envelopes.SEQUENCE, Envelopes.RECEIVED_AT);
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");

    private final Map<String, Object> attributes;
    private final List<Violation> violations = new ArrayList<>();

    private EnvelopeRules(Map<String, Object> attributes) {
        this.attributes = attributes;
    }

    static Event toEvent(RawEnvelope raw) {
        EnvelopeRules rules = new EnvelopeRules(raw.attributes());
        Event event = rules.check(raw);
        if (!rules.violations.isEmpty()) {
            throw new InvalidEventException(rules.violations);
        }
        int size = EventMessage.sizeBytes(event);
        if (size > EventLimits.MAX_EVENT_BYTES) {
            throw new InvalidEventException(new Violation(ViolationCode.EVENT_TOO_LARGE, "", "the event takes " + size
                    + " bytes as the pipeline carries it (JSON with sequence and receive time, plus SQS message attributes);"
                    + " the limit is " + EventLimits.MAX_EVENT_BYTES + " bytes (256 KiB). Store large payloads elsewhere"
                    + " and send a reference"));
        }
        return event;
    }

    private Event check(RawEnvelope raw) {
        specversion();
        String id = requiredString(CloudEventV1.ID, EventLimits.MAX_ID_LENGTH);
        String source = uriReference(CloudEventV1.SOURCE, true);
        String type = requiredString(CloudEventV1.TYPE, EventLimits.MAX_TYPE_LENGTH);
        String subject = requiredString(CloudEventV1.SUBJECT, EventLimits.MAX_SUBJECT_LENGTH);
        Instant time = time();
        String contentType = optionalString(CloudEventV1.DATACONTENTTYPE, EventLimits.MAX_CONTENT_TYPE_LENGTH);
        String dataschema = uriReference(CloudEventV1.DATASCHEMA, false);
        String data = data(raw, contentType);
        Map<String, Object> extensions = new LinkedHashMap<>();
        Long expectedSequence = null;
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            if (name.equals(Envelopes.EXPECTED_SEQUENCE)) {
                expectedSequence = expectedSequence(attribute.getValue());
            } else if (PIPELINE_ATTRIBUTES.contains(name)) {
                pipelineAttribute(name, raw.stored());
            } else if (!CONTEXT_ATTRIBUTES.contains(name)) {
                extension(name, attribute.getValue(), extensions);
            }
        }
        if (raw.stored()) {
            requirePipelineAttributes();
        }
        return new Event(id, source, type, subject, time, contentType, dataschema, data, extensions, expectedSequence);
    }

    private void specversion() {
        Object value = attributes.get(CloudEventV1.SPECVERSION);
        if (value == null) {
            violation(ViolationCode.MISSING_ATTRIBUTE, CloudEventV1.SPECVERSION, "is required; send \"1.0\"");
        } else if (!Event.SPEC_VERSION.equals(value)) {
            violation(ViolationCode.UNSUPPORTED_SPECVERSION, CloudEventV1.SPECVERSION,
                    "is " + describe(value) + "; only CloudEvents \"1.0\" is accepted");
        }
    }

    private String requiredString(String name, int maxLength) {
        if (attributes.get(name) == null) {
            String why = name.equals(CloudEventV1.SUBJECT)
                    ? "is required: it names the stream the event belongs to, and events of one subject are kept in order"
                    : "is required";
            violation(ViolationCode.MISSING_ATTRIBUTE, name, why);
            return null;
        }
        return optionalString(name, maxLength);
    }

    private String optionalString(String name, int maxLength) {
        Object value = attributes.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            violation(ViolationCode.INVALID_ATTRIBUTE_TYPE, name, "must be a JSON string, not " + describe(value));
            return null;
        }
        if (text.isEmpty() || text.length() > maxLength) {
            violation(ViolationCode.INVALID_LENGTH, name,
                    "must be 1 to " + maxLength + " characters long, not " + text.length());
            return null;
        }
        int control = controlCharacter(text);
        if (control >= 0) {
            violation(ViolationCode.CONTROL_CHARACTER, name, String.format(
                    "contains the control character U+%04X at index %d; CloudEvents strings cannot hold control characters",
                    (int) text.charAt(control), control));
            return null;
        }
        return text;
    }

    private String uriReference(String name, boolean required) {
        String text = required ? requiredString(name, EventLimits.MAX_URI_LENGTH)
                : optionalString(name, EventLimits.MAX_URI_LENGTH);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (name.equals(CloudEventV1.DATASCHEMA) && !uri.isAbsolute()) {
                violation(ViolationCode.INVALID_URI, name, "must be an absolute URI, such as https://example.com/schema");
                return null;
            }
            return text;
        } catch (URISyntaxException e) {
            violation(ViolationCode.INVALID_URI, name, "is not a URI-reference (RFC 3986): " + e.getReason()
                    + " at index " + e.getIndex() + "; percent-encode such characters");
            return null;
        }
    }

    private Instant time() {
        String text = optionalString(CloudEventV1.TIME, 64);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (DateTimeException e) {
            violation(ViolationCode.INVALID_TIME, CloudEventV1.TIME, e.getMessage());
            return null;
        }
    }

    private String data(RawEnvelope raw, String contentType) {
        if (raw.dataBase64()) {
            violation(ViolationCode.UNSUPPORTED_DATA, "data_base64",
                    "binary data is not accepted; this pipeline stores JSON data: send it in \"data\"");
        }
        if (raw.data() == null) {
            return null;
        }
        if (!Envelopes.isJson(contentType)) {
            violation(ViolationCode.UNSUPPORTED_DATA, CloudEventV1.DATACONTENTTYPE, "is \"" + contentType
                    + "\"; this pipeline stores JSON data only: use application/json or a +json media type");
            return null;
        }
        try {
            String reason = JsonText.unstorableReason(raw.data());
            if (reason != null) {
                violation(ViolationCode.UNSTORABLE_DATA, "data", reason);
                return null;
            }
        } catch (IOException e) {
            violation(ViolationCode.INVALID_JSON, "data", "is not well-formed JSON: " + e.getMessage());
            return null;
        }
        return JsonText.compact(raw.data());
    }

    private Long expectedSequence(Object value) {
        BigInteger number = null;
        if (value instanceof BigInteger integer) {
            number = integer;
        } else if (value instanceof String text && text.matches("[0-9]{1,19}")) {
            number = new BigInteger(text);
        }
        if (number == null || number.signum() < 0 || number.bitLength() > 63) {
            violation(ViolationCode.INVALID_EXTENSION, Envelopes.EXPECTED_SEQUENCE,
                    "must be a whole number >= 0: the last sequence the stream must have before this event (0 for a new"
                            + " stream), not " + describe(value));
            return null;
        }
        return number.longValue();
    }

    private void pipelineAttribute(String name, boolean stored) {
        if (!stored) {
            violation(ViolationCode.INVALID_EXTENSION, name,
                    "is assigned by the pipeline when it stores the event; remove it or rename your extension");
        }
    }

    private void requirePipelineAttributes() {
        if (!(attributes.get(Envelopes.SEQUENCE) instanceof BigInteger sequence) || sequence.signum() <= 0) {
            violation(ViolationCode.MISSING_ATTRIBUTE, Envelopes.SEQUENCE, "a stored event carries its sequence");
        }
        if (!(attributes.get(Envelopes.RECEIVED_AT) instanceof String)) {
            violation(ViolationCode.MISSING_ATTRIBUTE, Envelopes.RECEIVED_AT, "a stored event carries its receive time");
        }
    }

    private void extension(String name, Object value, Map<String, Object> extensions) {
        if (!EXTENSION_NAME.matcher(name).matches() || name.length() > EventLimits.MAX_EXTENSION_NAME_LENGTH) {
            String lower = name.toLowerCase(Locale.ROOT);
            String hint = CONTEXT_ATTRIBUTES.contains(lower) ? "; did you mean \"" + lower + "\"?" : "";
            violation(ViolationCode.INVALID_EXTENSION, name, "is not a valid attribute name: CloudEvents attribute"
                    + " names are 1 to 20 lower-case letters a-z and digits" + hint);
            return;
        }
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            if (optionalString(name, EventLimits.MAX_EXTENSION_VALUE_LENGTH) != null) {
                extensions.put(name, text);
            }
        } else if (value instanceof Boolean flag) {
            extensions.put(name, flag);
        } else if (value instanceof BigInteger integer && integer.bitLength() < 32) {
            extensions.put(name, integer.intValue());
        } else {
            violation(ViolationCode.INVALID_EXTENSION, name, "must be a string, a boolean or an integer from"
                    + " -2147483648 to 2147483647 (CloudEvents' types), not " + describe(value));
        }
    }

    private static int controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            return "the string \"" + (text.length() > 40 ? text.substring(0, 37) + "..." : text) + "\"";
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof Map ? "an object" : "null";
    }

    private void violation(String code, String field, String message) {
        violations.add(new Violation(code, field, message));
    }
}
