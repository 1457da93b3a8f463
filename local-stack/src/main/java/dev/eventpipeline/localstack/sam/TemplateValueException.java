package dev.eventpipeline.localstack.sam;

/** A template value that the local run cannot evaluate, such as a reference to Aurora's endpoint; the message names it. */
public class TemplateValueException extends RuntimeException {

    public TemplateValueException(String message) {
        super(message);
    }
}
