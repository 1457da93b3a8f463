package dev.eventpipeline.lambda.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamHandlerTest {

    /** A handler as Quarkus and most Java functions write it. */
    public static class Upper implements RequestStreamHandler {

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write(new String(input.readAllBytes(), StandardCharsets.UTF_8).toUpperCase()
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A handler named by method, without the interface and without a context. */
    public static class Reverse {

        public static void reverse(InputStream input, OutputStream output) throws IOException {
            output.write(new StringBuilder(new String(input.readAllBytes(), StandardCharsets.UTF_8)).reverse().toString()
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void load_shouldCallRequestStreamHandler_whenHandlerNamesItsHandleRequest() throws Throwable {
        // GIVEN
        StreamHandler handler = StreamHandler.load(Upper.class.getName() + "::handleRequest");

        // WHEN
        String output = run(handler, "abc");

        // THEN
        assertThat(output).isEqualTo("ABC");
    }

    @Test
    void load_shouldCallNamedStreamMethod_whenClassDoesNotImplementTheInterface() throws Throwable {
        // GIVEN
        StreamHandler handler = StreamHandler.load(Reverse.class.getName() + "::reverse");

        // WHEN
        String output = run(handler, "abc");

        // THEN
        assertThat(output).isEqualTo("cba");
    }

    @Test
    void load_shouldNameTheExpectedSignature_whenMethodDoesNotExist() {
        assertThatThrownBy(() -> StreamHandler.load(Reverse.class.getName() + "::missing"))
                .isInstanceOf(NoSuchMethodException.class)
                .hasMessageContaining("(InputStream, OutputStream[, Context])");
    }

    @Test
    void fromEnvironment_shouldNameTheMissingVariable_whenHandlerIsNotSet() {
        assertThatThrownBy(() -> FunctionSettings.fromEnvironment(
                Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001", "AWS_LAMBDA_FUNCTION_NAME", "f")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("_HANDLER");
    }

    private static String run(StreamHandler handler, String input) throws Throwable {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output, null);
        return output.toString(StandardCharsets.UTF_8);
    }
}
