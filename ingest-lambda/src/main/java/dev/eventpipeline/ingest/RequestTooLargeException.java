package dev.eventpipeline.ingest;

/**
 * The request body is larger than Lambda accepts, or a batch carries more events than configured; answered with 413.
 */
public class RequestTooLargeException extends RuntimeException {

    RequestTooLargeException(String message) {
        super(message);
    }
}
