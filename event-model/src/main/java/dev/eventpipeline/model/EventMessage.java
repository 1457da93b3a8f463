package dev.eventpipeline.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.eventpipeline.model.internal.Digests;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The SQS FIFO message of a stored event.
 * <ul>
 * <li>Body: {@link EventJson#write(StoredEvent)}, the structured CloudEvent with {@code sequence} and
 * {@code receivedat}.</li>
 * <li>{@code MessageGroupId}: the subject, so SQS keeps each stream in order. A subject that SQS does not accept as
 * a group id (longer than 128 characters, or with characters outside printable ASCII) is replaced by
 * {@code sha256-} and the base64url SHA-256 of the subject: still one group per subject.</li>
 * <li>{@code MessageDeduplicationId}: base64url SHA-256 of the subject, {@code -}, the sequence; at most 64
 * characters, and equal for a resend of the same stored event.</li>
 * <li>Message attributes {@value #TYPE_ATTRIBUTE}, {@value #SOURCE_ATTRIBUTE} (strings) and
 * {@value #SEQUENCE_ATTRIBUTE} (a number), so consumers can route and filter without reading the body.</li>
 * </ul>
 */
public final class EventMessage {

    public static final String TYPE_ATTRIBUTE = "ce-type";
    public static final String SOURCE_ATTRIBUTE = "ce-source";
    public static final String SEQUENCE_ATTRIBUTE = "sequence";

    /** SQS allows 128 characters of printable ASCII in a {@code MessageGroupId}. */
    private static final Pattern SQS_GROUP_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Instant WIDEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private EventMessage() {
    }

    /** The send-batch entry for a stored event. */
    public static SendMessageBatchRequestEntry entry(String entryId, StoredEvent stored) {
        return SendMessageBatchRequestEntry.builder()
                .id(entryId)
                .messageBody(EventJson.write(stored))
                .messageGroupId(groupId(stored.subject()))
                .messageDeduplicationId(deduplicationId(stored.subject(), stored.sequence()))
                .messageAttributes(attributes(stored))
                .build();
    }

    /**
     * Reads the stored event back from a received message.
     *
     * @throws InvalidEventException when the body is not a stored event
     */
    public static StoredEvent read(Message message) {
        return EventJson.readStored(message.body());
    }

    public static String groupId(String subject) {
        return SQS_GROUP_ID.matcher(subject).matches() ? subject : "sha256-" + Digests.sha256Base64Url(subject);
    }

    public static String deduplicationId(String subject, long sequence) {
        return Digests.sha256Base64Url(subject) + "-" + sequence;
    }

    public static Map<String, MessageAttributeValue> attributes(StoredEvent stored) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(TYPE_ATTRIBUTE, string(stored.event().type()));
        attributes.put(SOURCE_ATTRIBUTE, string(stored.event().source()));
        attributes.put(SEQUENCE_ATTRIBUTE, MessageAttributeValue.builder()
                .dataType("Number")
                .stringValue(Long.toString(stored.sequence()))
                .build());
        return attributes;
    }

    /**
     * The size SQS counts for an entry: the UTF-8 bytes of the body and of each attribute's name, data type and value.
     */
    public static int sizeBytes(SendMessageBatchRequestEntry entry) {
        int size = utf8Length(entry.messageBody());
        for (var attribute : entry.messageAttributes().entrySet()) {
            MessageAttributeValue value = attribute.getValue();
            size += utf8Length(attribute.getKey()) + utf8Length(value.dataType());
            size += value.stringValue() != null ? utf8Length(value.stringValue())
                    : value.binaryValue() == null ? 0 : value.binaryValue().asByteArray().length;
        }
        return size;
    }

    /**
     * The largest SQS message this event can become once stored: sized with the widest sequence and receive time, so
     * an event that passes {@link EventLimits#MAX_EVENT_BYTES} at the door always fits on the queue.
     */
    public static int sizeBytes(Event event) {
        return sizeBytes(entry("0", event.stored(Long.MAX_VALUE, WIDEST_INSTANT)));
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
