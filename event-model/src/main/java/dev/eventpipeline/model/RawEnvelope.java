package dev.eventpipeline.model;

import java.util.Map;

/**
 * An envelope as read, before the rules: attribute values as the JSON or the headers gave them.
 *
 * @param attributes context and extension attributes; values are {@link String}, {@link Boolean},
 *        {@link java.math.BigInteger}, {@link java.math.BigDecimal}, {@code null}, or an empty list or map standing
 *        for a JSON array or object
 * @param data the text of {@code data}, or {@code null}
 * @param dataBase64 whether {@code data_base64} was sent
 * @param stored whether this is the pipeline's stored form, which carries {@code sequence} and {@code receivedat}
 */
record RawEnvelope(Map<String, Object> attributes, String data, boolean dataBase64, boolean stored) {
}
