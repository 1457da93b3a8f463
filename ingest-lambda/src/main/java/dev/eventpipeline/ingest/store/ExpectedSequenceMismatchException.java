package dev.eventpipeline.ingest.store;

/**
 * The event carried the {@code expectedsequence} extension and its stream's last sequence is another one, so the
 * event was not stored. The producer should read the stream up to {@link #currentSequence()} and decide again.
 */
public class ExpectedSequenceMismatchException extends RuntimeException {

    private final long currentSequence;

    ExpectedSequenceMismatchException(String subject, long expectedSequence, long currentSequence) {
        super("the event expects subject '" + subject + "' to end at sequence " + expectedSequence
                + ", but its last sequence is " + currentSequence + "; nothing was stored");
        this.currentSequence = currentSequence;
    }

    /** The stream's last sequence when the append was refused; 0 for a stream without events. */
    public long currentSequence() {
        return currentSequence;
    }
}
