package dev.eventpipeline.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class EnvelopesTest {

    private static final String VALID = """
            {"specversion":"1.0","id":"evt-1","source":"https://example.com/orders","type":"order.placed",
             "subject":"order-42","time":"2024-05-01T12:30:00Z","data":{"total":12.50,"items":[1,2]}}""";

    @Test
    void parseStructured_shouldReadEveryAttribute_whenEnvelopeIsValid() {
        Event event = Envelopes.parseStructured(VALID);

        assertThat(event.id()).isEqualTo("evt-1");
        assertThat(event.source()).isEqualTo("https://example.com/orders");
        assertThat(event.type()).isEqualTo("order.placed");
        assertThat(event.subject()).isEqualTo("order-42");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(event.data()).isEqualTo("{\"total\":12.50,\"items\":[1,2]}");
        assertThat(event.specversion()).isEqualTo("1.0");
    }

    @Test
    void parseStructured_shouldReportEveryMissingAttribute_whenEnvelopeIsEmpty() {
        assertThatThrownBy(() -> Envelopes.parseStructured("{}"))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::code, Violation::field)
                        .containsExactly(
                                tuple(ViolationCode.MISSING_ATTRIBUTE, "specversion"),
                                tuple(ViolationCode.MISSING_ATTRIBUTE, "id"),
                                tuple(ViolationCode.MISSING_ATTRIBUTE, "source"),
                                tuple(ViolationCode.MISSING_ATTRIBUTE, "type"),
                                tuple(ViolationCode.MISSING_ATTRIBUTE, "subject")));
    }

    @Test
    void parseStructured_shouldExplainSubject_whenSubjectIsMissing() {
        String json = VALID.replace("\"subject\":\"order-42\",", "");

        assertThat(violations(json)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("subject");
            assertThat(v.message()).contains("names the stream").contains("kept in order");
        });
    }

    @Test
    void parseStructured_shouldRejectSpecversion_whenNotOneDotZero() {
        assertThat(violations(VALID.replace("\"1.0\"", "\"0.3\"")))
                .extracting(Violation::code, Violation::field, Violation::message)
                .containsExactly(tuple(ViolationCode.UNSUPPORTED_SPECVERSION, "specversion",
                        "is the string \"0.3\"; only CloudEvents \"1.0\" is accepted"));
    }

    @Test
    void parseStructured_shouldRejectId_whenLongerThan256Characters() {
        String json = VALID.replace("\"evt-1\"", "\"" + "x".repeat(257) + "\"");

        assertThat(violations(json)).extracting(Violation::code, Violation::field, Violation::message)
                .containsExactly(tuple(ViolationCode.INVALID_LENGTH, "id", "must be 1 to 256 characters long, not 257"));
    }

    @Test
    void parseStructured_shouldAcceptId_whenExactly256Characters() {
        String id = "x".repeat(256);

        assertThat(Envelopes.parseStructured(VALID.replace("\"evt-1\"", "\"" + id + "\"")).id()).isEqualTo(id);
    }

    @Test
    void parseStructured_shouldRejectEmptyType() {
        assertThat(violations(VALID.replace("\"order.placed\"", "\"\"")))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.INVALID_LENGTH, "type"));
    }

    @Test
    void parseStructured_shouldRejectAttribute_whenItIsNotAString() {
        assertThat(violations(VALID.replace("\"evt-1\"", "42")))
                .extracting(Violation::code, Violation::field, Violation::message)
                .containsExactly(tuple(ViolationCode.INVALID_ATTRIBUTE_TYPE, "id",
                        "must be a JSON string, not the number 42"));
    }

    @Test
    void parseStructured_shouldRejectSource_whenNotAUriReference() {
        assertThat(violations(VALID.replace("https://example.com/orders", "not a uri")))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.INVALID_URI, "source"));
    }

    @Test
    void parseStructured_shouldAcceptRelativeSource_becauseSourceIsAUriReference() {
        assertThat(Envelopes.parseStructured(VALID.replace("https://example.com/orders", "/orders/eu")).source())
                .isEqualTo("/orders/eu");
    }

    @Test
    void parseStructured_shouldRejectControlCharacter_inSubject() {
        assertThat(violations(VALID.replace("order-42", "order\\u000742")))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.CONTROL_CHARACTER, "subject"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-05-01T12:30:00Z", "2024-05-01T12:30:00+00:00", "2024-05-01T18:00:00+05:30",
            "2024-05-01T07:30:00-05:00", "2024-05-01t12:30:00z", "2024-05-01T12:30:00.000000000000001Z",
            "2024-05-01T18:00:00.0+05:30" })
    void parseStructured_shouldNormaliseTimeToUtc_whenTimeIsAnyRfc3339Form(String time) {
        Event event = Envelopes.parseStructured(VALID.replace("2024-05-01T12:30:00Z", time));

        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
    }

    @Test
    void parseStructured_shouldKeepFractionalSeconds_whenGiven() {
        Event event = Envelopes.parseStructured(VALID.replace("2024-05-01T12:30:00Z", "2024-05-01T12:30:00.1234567+01:00"));

        assertThat(Timestamps.format(event.time())).isEqualTo("2024-05-01T11:30:00.123456700Z");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-05-01T12:30:00+0530", "2024-05-01T12:30:00", "2024-05-01 12:30:00Z",
            "2024-05-01T12:30Z", "2024-13-01T12:30:00Z", "2024-02-30T12:30:00Z", "2024-05-01T24:00:00Z",
            "2024-05-01T12:30:00+24:00", "1714566600", "2024-05-01T12:30:60Z" })
    void parseStructured_shouldRejectTime_whenNotRfc3339(String time) {
        assertThat(violations(VALID.replace("2024-05-01T12:30:00Z", time)))
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.INVALID_TIME, "time"));
    }

    @Test
    void parseStructured_shouldExplainTheOffsetForm_whenOffsetHasNoColon() {
        assertThat(violations(VALID.replace("2024-05-01T12:30:00Z", "2024-05-01T12:30:00+0530")))
                .singleElement()
                .extracting(Violation::message)
                .asString()
                .contains("+05:30");
    }

    @Test
    void parseStructured_shouldKeepDataExactly_whenNumbersExceedDoubleAndLong() {
        String data = "{\"big\":123456789012345678901234567890123456789,\"exp\":1e126,\"dec\":12345678901234567.89,"
                + "\"neg\":-0.0,\"text\":\"caf\\u00e9 \u00e9 \uD83D\uDE00 \u6f22\u5b57 e\u0301\",\"z\":{},\"a\":[]}";

        Event event = Envelopes.parseStructured(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", data));

        assertThat(event.data()).isEqualTo(data);
    }

    @Test
    void parseStructured_shouldDropWhitespaceBetweenTokensOnly_whenDataIsPrettyPrinted() {
        String data = "{\n  \"a\" : [ 1 , 2 ],\n  \"b\" : \"x  y\\\" }\"\n}";

        Event event = Envelopes.parseStructured(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", data));

        assertThat(event.data()).isEqualTo("{\"a\":[1,2],\"b\":\"x  y\\\" }\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"text\"", "42", "-0.0", "true", "false", "[]", "{}", "\"\"" })
    void parseStructured_shouldAcceptAnyJsonValue_asData(String data) {
        Event event = Envelopes.parseStructured(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", data));

        assertThat(event.data()).isEqualTo(data);
    }

    @Test
    void parseStructured_shouldTreatNullDataAsAbsent() {
        Event event = Envelopes.parseStructured(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", "null"));

        assertThat(event.data()).isNull();
    }

    @Test
    void parseStructured_shouldRejectNulInData_becauseJsonbCannotStoreIt() {
        String json = VALID.replace("{\"total\":12.50,\"items\":[1,2]}", "{\"a\":[\"ok\",\"x\\u0000y\"]}");

        assertThat(violations(json)).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(ViolationCode.UNSTORABLE_DATA);
            assertThat(v.field()).isEqualTo("data");
            assertThat(v.message()).startsWith("at /a/1: ").contains("NUL character").contains("jsonb");
        });
    }

    @Test
    void parseStructured_shouldRejectUnpairedSurrogateInData() {
        String json = VALID.replace("{\"total\":12.50,\"items\":[1,2]}", "{\"k\":\"\\ud83d\"}");

        assertThat(violations(json)).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(ViolationCode.UNSTORABLE_DATA);
            assertThat(v.message()).contains("unpaired UTF-16 surrogate (\\ud83d)");
        });
    }

    @Test
    void parseStructured_shouldRejectUnpairedSurrogateInKey() {
        String json = VALID.replace("{\"total\":12.50,\"items\":[1,2]}", "{\"\\udc00\":1}");

        assertThat(violations(json)).extracting(Violation::code).containsExactly(ViolationCode.UNSTORABLE_DATA);
    }

    @Test
    void parseStructured_shouldRejectNumberOutsideNumericRange() {
        String json = VALID.replace("{\"total\":12.50,\"items\":[1,2]}", "{\"n\":1e200000}");

        assertThat(violations(json)).extracting(Violation::code).containsExactly(ViolationCode.UNSTORABLE_DATA);
    }

    @Test
    void parseStructured_shouldRejectDuplicateKeys_becauseJsonbKeepsOnlyTheLast() {
        assertThat(violations(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", "{\"a\":1,\"a\":2}")))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.code()).isEqualTo(ViolationCode.INVALID_JSON);
                    assertThat(v.message()).contains("Duplicate field 'a'");
                });
    }

    @Test
    void parseStructured_shouldRejectDataBase64_becauseOnlyJsonDataIsStored() {
        String json = VALID.replace("\"data\":{\"total\":12.50,\"items\":[1,2]}", "\"data_base64\":\"AAEC\"");

        assertThat(violations(json)).extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.UNSUPPORTED_DATA, "data_base64"));
    }

    @Test
    void parseStructured_shouldRejectNonJsonContentType_whenDataIsPresent() {
        String json = VALID.replace("\"subject\"", "\"datacontenttype\":\"text/plain\",\"subject\"");

        assertThat(violations(json)).extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.UNSUPPORTED_DATA, "datacontenttype"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "application/json", "application/json; charset=utf-8", "application/vnd.orders+json",
            "APPLICATION/JSON" })
    void parseStructured_shouldAcceptJsonContentTypes(String contentType) {
        String json = VALID.replace("\"subject\"", "\"datacontenttype\":\"" + contentType + "\",\"subject\"");

        assertThat(Envelopes.parseStructured(json).datacontenttype()).isEqualTo(contentType);
    }

    @Test
    void parseStructured_shouldKeepExtensions_inOrderWithTheirTypes() {
        String json = VALID.replace("\"subject\"", "\"traceparent\":\"00-ab\",\"priority\":3,\"urgent\":true,\"subject\"");

        assertThat(Envelopes.parseStructured(json).extensions())
                .containsExactly(Map.entry("traceparent", "00-ab"), Map.entry("priority", 3), Map.entry("urgent", true));
    }

    @Test
    void parseStructured_shouldRejectExtension_whenNameIsNotLowerCaseAlphanumeric() {
        String json = VALID.replace("\"subject\":\"order-42\"", "\"subject\":\"order-42\",\"Subject\":\"x\"");

        assertThat(violations(json)).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(ViolationCode.INVALID_EXTENSION);
            assertThat(v.field()).isEqualTo("Subject");
            assertThat(v.message()).contains("did you mean \"subject\"?");
        });
    }

    @Test
    void parseStructured_shouldRejectExtension_whenValueIsAnObjectOrOutOfIntegerRange() {
        String json = VALID.replace("\"subject\"", "\"meta\":{\"a\":1},\"count\":2147483648,\"subject\"");

        assertThat(violations(json)).extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.INVALID_EXTENSION, "meta"),
                        tuple(ViolationCode.INVALID_EXTENSION, "count"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sequence", "receivedat" })
    void parseStructured_shouldRejectPipelineAttributes_whenAProducerSendsThem(String name) {
        String json = VALID.replace("\"subject\"", "\"" + name + "\":\"7\",\"subject\"");

        assertThat(violations(json)).extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.INVALID_EXTENSION, name));
    }

    @Test
    void parseStructured_shouldReadExpectedSequence_andKeepItOutOfTheContent() {
        String json = VALID.replace("\"subject\"", "\"expectedsequence\":4,\"subject\"");

        Event event = Envelopes.parseStructured(json);

        assertThat(event.expectedSequence()).isEqualTo(4L);
        assertThat(event.extensions()).isEmpty();
        assertThat(event.digest()).isEqualTo(Envelopes.parseStructured(VALID).digest());
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "1.5", "\"four\"", "true", "99999999999999999999" })
    void parseStructured_shouldRejectExpectedSequence_whenNotAWholeNumber(String value) {
        String json = VALID.replace("\"subject\"", "\"expectedsequence\":" + value + ",\"subject\"");

        assertThat(violations(json)).extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ViolationCode.INVALID_EXTENSION, "expectedsequence"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "[]", "\"event\"", "{\"id\":", "{} {}", "{\"a\":1}x" })
    void parseStructured_shouldRejectBody_whenNotOneJsonObject(String body) {
        assertThat(violations(body)).extracting(Violation::code).containsExactly(ViolationCode.INVALID_JSON);
    }

    @Test
    void parseStructured_shouldRejectBytes_whenNotUtf8() {
        byte[] latin1 = VALID.replace("order-42", "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> Envelopes.parseStructured(latin1))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::code, Violation::message)
                        .containsExactly(tuple(ViolationCode.INVALID_JSON,
                                "the body is not valid UTF-8; JSON must be sent as UTF-8")));
    }

    @Test
    void parseStructured_shouldRejectEvent_whenLargerThanTheLimit_andStateTheLimit() {
        String big = "\"" + "x".repeat(EventLimits.MAX_EVENT_BYTES) + "\"";

        assertThat(violations(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", big))).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo(ViolationCode.EVENT_TOO_LARGE);
            assertThat(v.message()).contains("the limit is 262144 bytes (256 KiB)");
        });
    }

    @Test
    void parseStructured_shouldCountUtf8Bytes_notCharacters_againstTheLimit() {
        String cjk = "\"" + "\u6f22".repeat(EventLimits.MAX_EVENT_BYTES / 3 + 1) + "\"";

        assertThat(violations(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", cjk)))
                .extracting(Violation::code).containsExactly(ViolationCode.EVENT_TOO_LARGE);
    }

    @Test
    void parseStructured_shouldAcceptEvent_justUnderTheLimit() {
        Event small = Envelopes.parseStructured(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", "\"\""));
        int room = EventLimits.MAX_EVENT_BYTES - EventMessage.sizeBytes(small);
        String data = "\"" + "x".repeat(room) + "\"";

        Event event = Envelopes.parseStructured(VALID.replace("{\"total\":12.50,\"items\":[1,2]}", data));

        assertThat(EventMessage.sizeBytes(event)).isEqualTo(EventLimits.MAX_EVENT_BYTES);
    }

    @Test
    void parseBatch_shouldJudgeEachEventAlone_whenSomeAreInvalid() {
        String batch = "[" + VALID + ",{\"id\":\"x\"}," + VALID.replace("evt-1", "evt-2") + "]";

        List<BatchEntry> entries = Envelopes.parseBatch(batch);

        assertThat(entries).hasSize(3);
        assertThat(entries.get(0).event().id()).isEqualTo("evt-1");
        assertThat(entries.get(1).isValid()).isFalse();
        assertThat(entries.get(1).violations()).extracting(Violation::field).contains("specversion", "source", "type");
        assertThat(entries.get(2).event().id()).isEqualTo("evt-2");
    }

    @Test
    void parseBatch_shouldRejectBody_whenNotAnArray() {
        assertThatThrownBy(() -> Envelopes.parseBatch(VALID)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("a batch must be a JSON array");
    }

    @Test
    void parseBinary_shouldReadCeHeaders_caseInsensitiveAndPercentDecoded() {
        Map<String, String> headers = Map.of(
                "CE-SpecVersion", "1.0",
                "ce-id", "evt-9",
                "Ce-Source", "/producers/eu",
                "ce-type", "order.placed",
                "ce-subject", "caf%C3%A9%20order",
                "ce-time", "2024-05-01T18:00:00+05:30",
                "ce-traceparent", "00-ab",
                "Content-Type", "application/json; charset=utf-8");

        Event event = Envelopes.parseBinary(headers, "{\"n\":1e126}");

        assertThat(event.subject()).isEqualTo("caf\u00e9 order");
        assertThat(event.time()).isEqualTo(Instant.parse("2024-05-01T12:30:00Z"));
        assertThat(event.extensions()).containsExactly(Map.entry("traceparent", "00-ab"));
        assertThat(event.data()).isEqualTo("{\"n\":1e126}");
    }

    @Test
    void parseBinary_shouldRejectBody_whenJsonContentTypeButMalformedBody() {
        Map<String, String> headers = Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s", "ce-type", "t",
                "ce-subject", "s", "content-type", "application/json");

        assertThatThrownBy(() -> Envelopes.parseBinary(headers, "{oops"))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::code, Violation::field)
                        .containsExactly(tuple(ViolationCode.INVALID_JSON, "data")));
    }

    @Test
    void parseBinary_shouldRejectNonJsonBody_withTheContentType() {
        Map<String, String> headers = Map.of("ce-specversion", "1.0", "ce-id", "1", "ce-source", "/s", "ce-type", "t",
                "ce-subject", "s", "content-type", "text/plain");

        assertThatThrownBy(() -> Envelopes.parseBinary(headers, "hello"))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations())
                        .extracting(Violation::code, Violation::field)
                        .containsExactly(tuple(ViolationCode.UNSUPPORTED_DATA, "datacontenttype")));
    }

    private static List<Violation> violations(String json) {
        try {
            Envelopes.parseStructured(json);
        } catch (InvalidEventException e) {
            return e.violations();
        }
        throw new AssertionError("expected the event to be refused: " + json);
    }
}
