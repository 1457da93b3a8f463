package dev.eventpipeline.lambda.runtime;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The {@link LambdaLogger} handed to handlers: writes each message to standard output, where the platform collects a
 * function's log, as the managed runtime's logger does in its text format.
 */
final class StdoutLambdaLogger implements LambdaLogger {

    private final PrintStream out;

    StdoutLambdaLogger(PrintStream out) {
        this.out = out;
    }

    @Override
    public void log(String message) {
        out.print(message);
        out.flush();
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
