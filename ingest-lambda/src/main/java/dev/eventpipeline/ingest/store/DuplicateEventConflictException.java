package dev.eventpipeline.ingest.store;

/**
 * An event arrived with the {@code source} and {@code id} of an event stored before, but with different content. The
 * stored event stays as it is; the producer must send a new {@code id} for a new event.
 */
public class DuplicateEventConflictException extends RuntimeException {

    private final long originalSequence;

    DuplicateEventConflictException(String source, String id, String subject, long originalSequence) {
        super("an event with source '" + source + "' and id '" + id + "' was stored before as sequence "
                + originalSequence + " of subject '" + subject + "' with different content; a new event needs a new id");
        this.originalSequence = originalSequence;
    }

    /** The sequence under which the first event with this {@code source} and {@code id} was stored. */
    public long originalSequence() {
        return originalSequence;
    }
}
