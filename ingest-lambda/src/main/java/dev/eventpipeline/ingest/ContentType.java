package dev.eventpipeline.ingest;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * A request's {@code Content-Type}: the media type in lower case and the charset its text is encoded in.
 *
 * @param mediaType type/subtype in lower case, without parameters; empty when the header is absent
 * @param charset the {@code charset} parameter, or UTF-8 when absent (JSON's encoding, RFC 8259)
 */
record ContentType(String mediaType, Charset charset) {

    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    static final String CLOUDEVENTS_BATCH_JSON = "application/cloudevents-batch+json";
    static final String JSON = "application/json";

    /**
     * @throws UnsupportedContentTypeException when the header names a charset this JVM does not know
     */
    static ContentType parse(String header) {
        if (header == null || header.isBlank()) {
            return new ContentType("", StandardCharsets.UTF_8);
        }
        String[] parts = header.split(";");
        Charset charset = StandardCharsets.UTF_8;
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("charset")) {
                charset = charset(parameter[1].trim().replace("\"", ""));
            }
        }
        return new ContentType(parts[0].trim().toLowerCase(Locale.ROOT), charset);
    }

    boolean is(String type) {
        return mediaType.equals(type);
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedContentTypeException("charset '" + name + "' is not supported; send UTF-8");
        }
    }
}
