package dev.eventpipeline.projection;

/** What projecting one stored event did. */
public enum Outcome {

    /** The event is now in the projection: inserted, and its stream advanced to its sequence. */
    PROJECTED,

    /** The stream was already past this sequence: a redelivery, duplicate or replay, ignored. */
    DUPLICATE,

    /**
     * The stream has not reached the sequence before this one (a gap), or an earlier event of the stream in the same
     * batch was held. Nothing was written; the message stays on the queue and comes back.
     */
    HELD;

    /** Whether the message may be deleted from the queue: its effect is committed, or it never will have one. */
    public boolean done() {
        return this != HELD;
    }
}
