package dev.eventpipeline.streamprocessor;

/**
 * The invocation payload is not a DynamoDB Streams event, so no record can be reported as the failed one: the whole
 * invocation fails and Lambda retries the batch as its event source mapping says.
 */
public class InvalidStreamEventException extends RuntimeException {

    public InvalidStreamEventException(String message) {
        super(message);
    }

    public InvalidStreamEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
