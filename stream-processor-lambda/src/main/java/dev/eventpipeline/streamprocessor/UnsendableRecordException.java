package dev.eventpipeline.streamprocessor;

/**
 * A stream record that cannot become SQS messages however often it is retried: its new image is not an event item, or
 * its message is larger than SQS takes. Lambda retries it until the event source mapping's maximum retry attempts or
 * record age, then sends it to the on-failure destination; the records after it wait in order behind it.
 */
public class UnsendableRecordException extends RuntimeException {

    public UnsendableRecordException(String message) {
        super(message);
    }

    public UnsendableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
