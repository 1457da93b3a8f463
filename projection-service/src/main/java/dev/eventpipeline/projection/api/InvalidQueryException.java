package dev.eventpipeline.projection.api;

import java.util.List;
import java.util.stream.Collectors;

import dev.eventpipeline.model.Violation;

/** Query parameters the API cannot use; answered with 400 and a problem document listing each one. */
public class InvalidQueryException extends RuntimeException {

    private final transient List<Violation> errors;

    public InvalidQueryException(List<Violation> errors) {
        super(errors.stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<Violation> errors() {
        return errors;
    }
}
