package dev.eventpipeline.lambda.runtime;

import java.nio.charset.StandardCharsets;

/**
 * The error document the Runtime API takes on {@code /invocation/{id}/error} and {@code /init/error}:
 * {@code errorMessage}, {@code errorType} (the exception's class name) and {@code stackTrace} (one string per frame),
 * as the managed Java runtime reports a thrown exception. Written by hand to keep the client free of dependencies.
 */
final class ErrorJson {

    private ErrorJson() {
    }

    /** The error type the platform sees, also sent as {@code Lambda-Runtime-Function-Error-Type}. */
    static String errorType(Throwable failure) {
        return failure.getClass().getName();
    }

    static byte[] write(Throwable failure) {
        StringBuilder json = new StringBuilder("{\"errorMessage\":");
        quote(json, String.valueOf(failure.getMessage()));
        json.append(",\"errorType\":");
        quote(json, errorType(failure));
        json.append(",\"stackTrace\":[");
        StackTraceElement[] frames = failure.getStackTrace();
        for (int i = 0; i < frames.length; i++) {
            json.append(i == 0 ? "" : ",");
            quote(json, frames[i].toString());
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
