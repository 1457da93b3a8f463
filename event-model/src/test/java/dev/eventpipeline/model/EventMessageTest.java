package dev.eventpipeline.model;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import static org.assertj.core.api.Assertions.assertThat;

class EventMessageTest {

    private static Event event(String subject) {
        return Envelopes.parseStructured("{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/s\",\"type\":\"order.placed\","
                + "\"subject\":\"" + subject + "\",\"data\":{\"n\":1}}");
    }

    @Test
    void entry_shouldUseTheSubjectAsGroupId_whenSqsAcceptsIt() {
        SendMessageBatchRequestEntry entry = EventMessage.entry("0", event("octo/repo").stored(3, Instant.EPOCH));

        assertThat(entry.messageGroupId()).isEqualTo("octo/repo");
        assertThat(entry.messageAttributes()).containsOnlyKeys("ce-type", "ce-source", "sequence");
        assertThat(entry.messageAttributes().get("sequence").stringValue()).isEqualTo("3");
        assertThat(entry.messageAttributes().get("ce-type").stringValue()).isEqualTo("order.placed");
    }

    @Test
    void groupId_shouldBeAStableDigest_whenSubjectHasCharactersSqsRefuses() {
        String unicode = EventMessage.groupId("caf\u00e9 orders");
        String tooLong = EventMessage.groupId("x".repeat(129));

        assertThat(unicode).startsWith("sha256-").hasSize(50).isEqualTo(EventMessage.groupId("caf\u00e9 orders"));
        assertThat(tooLong).startsWith("sha256-").isNotEqualTo(unicode);
        assertThat(EventMessage.groupId("x".repeat(128))).isEqualTo("x".repeat(128));
    }

    @Test
    void deduplicationId_shouldFitSqsLimit_andDifferPerSequence() {
        String longSubject = "\u6f22".repeat(EventLimits.MAX_SUBJECT_LENGTH);

        assertThat(EventMessage.deduplicationId(longSubject, Long.MAX_VALUE)).hasSizeLessThanOrEqualTo(128)
                .matches("[A-Za-z0-9_-]+");
        assertThat(EventMessage.deduplicationId("s", 1)).isNotEqualTo(EventMessage.deduplicationId("s", 2))
                .isEqualTo(EventMessage.deduplicationId("s", 1));
    }

    @Test
    void sizeBytes_shouldCountUtf8BytesOfBodyAndAttributes() {
        SendMessageBatchRequestEntry entry = EventMessage.entry("0", event("s").stored(12, Instant.EPOCH));
        int attributes = "ce-type".length() + "String".length() + "order.placed".length()
                + "ce-source".length() + "String".length() + "/s".length()
                + "sequence".length() + "Number".length() + "12".length();

        assertThat(EventMessage.sizeBytes(entry)).isEqualTo(entry.messageBody().length() + attributes);
    }

    @Test
    void sizeBytes_shouldCountFourBytesPerEmojiAndThreePerCjkCharacter() {
        Event ascii = event("s");
        Event wide = Envelopes.parseStructured(EventJson.write(ascii).replace("{\"n\":1}", "\"\u6f22\uD83D\uDE00\""));

        int quotes = 2;
        int cjk = 3;
        int emoji = 4;

        assertThat(EventMessage.sizeBytes(wide) - EventMessage.sizeBytes(ascii))
                .isEqualTo(quotes + cjk + emoji - "{\"n\":1}".length());
    }
}
