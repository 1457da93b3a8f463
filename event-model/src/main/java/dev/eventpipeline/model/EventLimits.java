package dev.eventpipeline.model;

/**
 * The size limits of the envelope, in one place. The error messages quote these numbers.
 */
public final class EventLimits {

    /**
     * The largest event the pipeline carries, in UTF-8 bytes: 256 KiB, SQS's classic message size limit.
     * <p>
     * It is measured on the SQS message the pipeline will send for the event (its JSON body with the sequence and
     * receive time the pipeline adds, plus its message attributes), because that is the largest form the event takes on
     * its way. A DynamoDB item of such an event stays well under DynamoDB's 400 KB item limit.
     */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    /** Longest {@code id}, in characters. */
    public static final int MAX_ID_LENGTH = 256;

    /** Longest {@code type}, in characters. */
    public static final int MAX_TYPE_LENGTH = 256;

    /**
     * Longest {@code subject}, in characters. The subject is a DynamoDB partition key of the stream head, which DynamoDB
     * limits to 2048 bytes; 512 characters stay below that in any script.
     */
    public static final int MAX_SUBJECT_LENGTH = 512;

    /** Longest {@code source} and {@code dataschema}, in characters. */
    public static final int MAX_URI_LENGTH = 2048;

    /** Longest {@code datacontenttype}, in characters. */
    public static final int MAX_CONTENT_TYPE_LENGTH = 256;

    /** Longest extension attribute name; CloudEvents recommends at most 20 characters. */
    public static final int MAX_EXTENSION_NAME_LENGTH = 20;

    /** Longest string value of an extension attribute, in characters. */
    public static final int MAX_EXTENSION_VALUE_LENGTH = 1024;

    private EventLimits() {
    }
}
