package dev.eventpipeline.lambda.runtime;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorJsonTest {

    @Test
    void write_shouldEscapeMessage_whenItHasQuotesAndControlCharacters() {
        // GIVEN
        Exception failure = new IllegalArgumentException("bad \"id\"\n\tand \\ more");
        failure.setStackTrace(new StackTraceElement[] { new StackTraceElement("a.B", "c", "B.java", 7) });

        // WHEN
        String json = new String(ErrorJson.write(failure), StandardCharsets.UTF_8);

        // THEN
        assertThat(json).isEqualTo("{\"errorMessage\":\"bad \\\"id\\\"\\u000a\\u0009and \\\\ more\","
                + "\"errorType\":\"java.lang.IllegalArgumentException\",\"stackTrace\":[\"a.B.c(B.java:7)\"]}");
    }
}
