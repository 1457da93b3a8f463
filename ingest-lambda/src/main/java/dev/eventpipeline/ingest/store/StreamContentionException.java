package dev.eventpipeline.ingest.store;

/**
 * Other producers kept appending to the same stream, so each attempt of this append found the stream head moved, up
 * to the configured number of attempts. Nothing was stored; sending the same event again is safe.
 */
public class StreamContentionException extends RuntimeException {

    StreamContentionException(String subject, String id, int attempts) {
        super("subject '" + subject + "' kept moving under concurrent appends; event '" + id + "' was not stored after "
                + attempts + " attempts; send it again after the Retry-After delay");
    }
}
