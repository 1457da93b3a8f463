package dev.eventpipeline.model.internal;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * Checks and compacts the JSON text of an event's {@code data} without ever turning it into Java numbers or maps, so
 * that what comes out is what went in.
 */
public final class JsonText {

    /**
     * Strict parsing: a key twice in one object is refused, because PostgreSQL {@code jsonb} would keep only the last
     * one and the stored text and the queried value would disagree.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** PostgreSQL {@code numeric} holds up to 131072 digits before the decimal point. */
    private static final int MAX_NUMERIC_EXPONENT = 131_071;
    /** ... and up to 16383 digits after it. */
    private static final int MAX_NUMERIC_SCALE = 16_383;

    private JsonText() {
    }

    /**
     * Removes the whitespace between tokens of a JSON text; strings are copied character for character.
     *
     * @param json well-formed JSON text
     */
    public static String compact(String json) {
        StringBuilder out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Reads one JSON value and reports the first thing in it that PostgreSQL {@code jsonb} cannot store: a NUL
     * character, an unpaired UTF-16 surrogate, a number out of {@code numeric}'s range, or a repeated key.
     *
     * @param json the text of one JSON value
     * @return {@code null} when the value can be stored, otherwise why not, naming the place as a JSON pointer
     * @throws JsonProcessingException when the text is not well-formed JSON
     */
    public static String unstorableReason(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                String reason = switch (token) {
                    case FIELD_NAME -> textReason(p.currentName(), "key");
                    case VALUE_STRING -> textReason(p.getText(), "string");
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numberReason(p.getText());
                    default -> null;
                };
                if (reason != null) {
                    return "at " + pointer(p) + ": " + reason;
                }
            }
            return null;
        }
    }

    private static String pointer(JsonParser p) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static String textReason(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "the " + what + " contains a NUL character (\\u0000), which PostgreSQL jsonb cannot store;"
                        + " remove it or encode the value (for example as base64)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return unpaired(c, what);
            }
            if (Character.isLowSurrogate(c)) {
                return unpaired(c, what);
            }
        }
        return null;
    }

    private static String unpaired(char c, String what) {
        return String.format("the %s contains an unpaired UTF-16 surrogate (\\u%04x), which is not a Unicode character;"
                + " send the whole surrogate pair or the character itself", what, (int) c);
    }

    private static String numberReason(String text) {
        BigDecimal number = new BigDecimal(text);
        if (number.signum() == 0) {
            return null;
        }
        long exponent = (long) number.precision() - number.scale() - 1;
        if (exponent > MAX_NUMERIC_EXPONENT || number.scale() > MAX_NUMERIC_SCALE) {
            return "the number " + abbreviate(text) + " is outside the range of PostgreSQL numeric"
                    + " (up to 131072 digits before and 16383 after the decimal point); send it as a string";
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
