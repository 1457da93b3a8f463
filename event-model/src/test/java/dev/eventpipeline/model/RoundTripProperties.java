package dev.eventpipeline.model;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lossless round trips over generated JSON: envelope, DynamoDB item, stream record, SQS message, envelope.
 */
class RoundTripProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Numbers that a trip through double, long or a default BigDecimal would change. */
    private static final List<String> TRICKY_NUMBERS = List.of("123456789012345678901234567890123456789", "1e126",
            "12345678901234567.89", "-0.0", "-0", "0.1", "9007199254740993", "1E-7", "2.50", "-1.0e+10", "0");

    @Property(tries = 300)
    void data_shouldSurviveEveryStoredForm_unchanged(@ForAll("json") String data, @ForAll("subjects") String subject) {
        Event event = Envelopes.parseStructured(envelope(subject, data));

        StoredEvent back = RoundTrips.throughThePipeline(event, 7);

        assertThat(event.data()).isEqualTo(data);
        assertThat(back.event()).isEqualTo(event);
        assertThat(back.event().data()).isEqualTo(data);
        assertThat(back.sequence()).isEqualTo(7);
    }

    @Property(tries = 100)
    void digest_shouldNotDependOnKeyOrderOrEscapes(@ForAll("objects") Map<String, String> members) {
        String forward = object(members.entrySet().stream().toList());
        String backward = object(members.entrySet().stream().sorted(Map.Entry.<String, String> comparingByKey().reversed())
                .toList());

        Event first = Envelopes.parseStructured(envelope("s", forward));
        Event second = Envelopes.parseStructured(envelope("s", backward.replace("\u00e9", "\\u00e9")));

        assertThat(first.digest()).isEqualTo(second.digest());
    }

    @Property(tries = 100)
    void digest_shouldDiffer_whenDataDiffers(@ForAll("json") String data) {
        Event event = Envelopes.parseStructured(envelope("s", data));
        Event changed = Envelopes.parseStructured(envelope("s", "[" + data + "]"));

        assertThat(changed.digest()).isNotEqualTo(event.digest());
    }

    /** Any JSON value but a top-level {@code null}, which CloudEvents reads as "no data". */
    @Provide
    Arbitrary<String> json() {
        return Arbitraries.recursive(this::scalar, this::container, 0, 6).filter(json -> !json.equals("null"));
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20),
                text().filter(s -> !s.isEmpty() && s.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))));
    }

    @Provide
    Arbitrary<Map<String, String>> objects() {
        return Arbitraries.maps(text(), scalar()).ofMinSize(1).ofMaxSize(8);
    }

    private Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of(TRICKY_NUMBERS),
                Arbitraries.bigDecimals().ofScale(4).map(Object::toString),
                text().map(RoundTripProperties::quote),
                text().map(RoundTripProperties::quote),
                Arbitraries.of("true", "false", "null", "{}", "[]"));
    }

    private Arbitrary<String> container(Arbitrary<String> element) {
        Arbitrary<String> array = element.list().ofMaxSize(4).map(list -> "[" + String.join(",", list) + "]");
        Arbitrary<String> object = Arbitraries.maps(text(), element).ofMaxSize(4)
                .map(map -> object(map.entrySet().stream().toList()));
        return Arbitraries.oneOf(array, object);
    }

    /** Text from all of Unicode but NUL and lone surrogates: emoji, CJK, combining marks, controls, quotes. */
    private static Arbitrary<String> text() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(6)
                        .filter(s -> s.indexOf('\u0000') < 0 && s.chars().noneMatch(c -> Character.isSurrogate((char) c))),
                Arbitraries.of("\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u6f22\u5b57",
                        "e\u0301", "\"", "\\", "\n", "caf\u00e9", "\u2028"));
        return pieces.list().ofMaxSize(4).map(list -> String.join("", list));
    }

    private static String object(List<Map.Entry<String, String>> members) {
        return members.stream().map(e -> quote(e.getKey()) + ":" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    private static String envelope(String subject, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"p-1\",\"source\":\"/generated\",\"type\":\"t\",\"subject\":"
                + quote(subject) + ",\"data\":" + data + "}";
    }

    private static String quote(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
