package dev.eventpipeline.projection.api;

/** The stream or event asked for has not been projected (or does not exist); answered with 404. */
public class NotFoundProblem extends RuntimeException {

    public NotFoundProblem(String message) {
        super(message);
    }
}
