package dev.eventpipeline.ingest;

/**
 * The request's {@code Content-Type} (or its charset) is not one this endpoint reads; answered with 415.
 */
public class UnsupportedContentTypeException extends RuntimeException {

    UnsupportedContentTypeException(String message) {
        super(message);
    }
}
