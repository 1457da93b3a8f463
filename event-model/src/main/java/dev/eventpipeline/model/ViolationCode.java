package dev.eventpipeline.model;

/**
 * The stable error codes of the envelope rules. Producers may branch on these strings; they never change meaning.
 */
public final class ViolationCode {

    /** The body is not well-formed JSON, not a JSON object, or not valid UTF-8. */
    public static final String INVALID_JSON = "invalid_json";
    /** A required attribute ({@code id}, {@code source}, {@code type}, {@code subject}, {@code specversion}) is absent. */
    public static final String MISSING_ATTRIBUTE = "missing_attribute";
    /** An attribute has the wrong JSON type, e.g. a number where CloudEvents wants a string. */
    public static final String INVALID_ATTRIBUTE_TYPE = "invalid_attribute_type";
    /** An attribute is empty or longer than this system allows. */
    public static final String INVALID_LENGTH = "invalid_length";
    /** An attribute holds a control character, which CloudEvents strings must not contain. */
    public static final String CONTROL_CHARACTER = "control_character";
    /** {@code specversion} is not {@code 1.0}. */
    public static final String UNSUPPORTED_SPECVERSION = "unsupported_specversion";
    /** {@code source} or {@code dataschema} is not a URI-reference (RFC 3986). */
    public static final String INVALID_URI = "invalid_uri";
    /** {@code time} is not an RFC 3339 timestamp. */
    public static final String INVALID_TIME = "invalid_time";
    /** An extension attribute has an invalid name or value, or uses a name the pipeline reserves. */
    public static final String INVALID_EXTENSION = "invalid_extension";
    /** {@code datacontenttype} is not JSON, or {@code data_base64} was sent: this pipeline stores JSON data only. */
    public static final String UNSUPPORTED_DATA = "unsupported_data";
    /** {@code data} holds text that PostgreSQL {@code jsonb} cannot store (NUL, an unpaired surrogate, a huge number). */
    public static final String UNSTORABLE_DATA = "unstorable_data";
    /** The event is larger than {@link EventLimits#MAX_EVENT_BYTES}. */
    public static final String EVENT_TOO_LARGE = "event_too_large";

    private ViolationCode() {
    }
}
