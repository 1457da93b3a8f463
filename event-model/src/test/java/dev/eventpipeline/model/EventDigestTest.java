package dev.eventpipeline.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventDigestTest {

    private static final String EVENT = "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":\"t\",\"subject\":\"s\","
            + "\"time\":\"2024-05-01T12:30:00Z\",\"data\":{\"a\":1,\"b\":[true,null]}}";

    @Test
    void digest_shouldBeEqual_whenTheSameEventIsResent() {
        assertThat(Envelopes.parseStructured(EVENT).digest())
                .isEqualTo(Envelopes.parseStructured(EVENT).digest())
                .matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void digest_shouldBeEqual_whenOnlyTheFormOfTimeOrWhitespaceDiffers() {
        String resent = EVENT.replace("2024-05-01T12:30:00Z", "2024-05-01T18:00:00+05:30").replace(",\"b\"", " , \"b\"");

        assertThat(Envelopes.parseStructured(resent).digest()).isEqualTo(Envelopes.parseStructured(EVENT).digest());
    }

    @Test
    void digest_shouldDiffer_whenAnyContentAttributeDiffers() {
        String base = Envelopes.parseStructured(EVENT).digest();

        assertThat(Envelopes.parseStructured(EVENT.replace("\"type\":\"t\"", "\"type\":\"u\"")).digest()).isNotEqualTo(base);
        assertThat(Envelopes.parseStructured(EVENT.replace("\"a\":1", "\"a\":1.0")).digest()).isNotEqualTo(base);
        assertThat(Envelopes.parseStructured(EVENT.replace("\"subject\"", "\"trace\":\"x\",\"subject\"")).digest())
                .isNotEqualTo(base);
        assertThat(Envelopes.parseStructured(EVENT.replace(",\"time\":\"2024-05-01T12:30:00Z\"", "")).digest())
                .isNotEqualTo(base);
    }
}
