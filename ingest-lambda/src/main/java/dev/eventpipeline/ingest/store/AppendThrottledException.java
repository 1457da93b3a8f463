package dev.eventpipeline.ingest.store;

/**
 * DynamoDB kept throttling the append after the AWS SDK's retries (or, inside a transaction, after this store's own
 * bounded attempts). Nothing was stored; sending the same event again is safe.
 */
public class AppendThrottledException extends RuntimeException {

    AppendThrottledException(String subject, String id, Throwable cause) {
        super("DynamoDB throttled the append of event '" + id + "' to subject '" + subject
                + "'; nothing was stored; send it again after the Retry-After delay", cause);
    }
}
