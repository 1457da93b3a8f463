package dev.eventpipeline.localstack.dynamodb.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * Injected failures: the next {@code count} requests of an operation fail with a throttling or internal error, so that
 * a client's retry path can be tested against the real protocol.
 */
public final class Faults {

    private static final Logger LOG = Logger.getLogger(Faults.class);

    /** The error types that can be injected, with the status and message the service sends for each. */
    private static final Map<String, ApiException> ERRORS = Map.of(
            "ProvisionedThroughputExceededException",
            ApiException.of("ProvisionedThroughputExceededException", 400, "The level of configured provisioned"
                    + " throughput for the table was exceeded. Consider increasing your provisioning level with the"
                    + " UpdateTable API.", null),
            "ThrottlingException",
            ApiException.of("ThrottlingException", 400, "Rate of requests exceeds the allowed throughput.", null),
            "InternalServerError",
            ApiException.of("InternalServerError", 500, "Internal server error", null));

    private record Pending(AtomicInteger remaining, ApiException error) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * Makes the next {@code count} requests of {@code operation} fail; replaces an earlier setting for it.
     *
     * @throws IllegalArgumentException when the error type is not one of the three supported ones
     */
    public void failNext(String operation, int count, String errorType) {
        ApiException error = ERRORS.get(errorType);
        if (error == null) {
            throw new IllegalArgumentException("error type " + errorType + " cannot be injected; use one of "
                    + ERRORS.keySet());
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        pending.put(operation, new Pending(new AtomicInteger(count), error));
        LOG.infof("The next %d %s requests will fail with %s", count, operation, errorType);
    }

    /** Throws the injected error when the operation still has failures pending. */
    void check(String operation) {
        Pending fault = pending.get(operation);
        if (fault != null && fault.remaining().getAndDecrement() > 0) {
            LOG.debugf("Injected %s into %s", fault.error().type(), operation);
            throw fault.error();
        }
    }
}
