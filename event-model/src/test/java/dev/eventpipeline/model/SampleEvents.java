package dev.eventpipeline.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The recorded GH Archive hour in {@code ../shared/data}, mapped onto CloudEvents envelopes the way the project's
 * issues define it: id = {@code id}, type = {@code type}, subject = {@code repo.name}, time = {@code created_at},
 * source = {@code https://api.github.com}, data = the whole line.
 */
public final class SampleEvents {

    public static final String FILE_NAME = "gharchive-sample.jsonl";
    public static final String SOURCE = "https://api.github.com";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SampleEvents() {
    }

    /** The sample file; its folder comes from the system property {@code shared.data.dir} that the build sets. */
    public static Path file() {
        String dir = System.getProperty("shared.data.dir", "../../shared/data");
        Path file = Path.of(dir).resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the shared sample " + file.toAbsolutePath() + " is missing: the tests expect"
                    + " the project's shared/ folder beside the checkout (../shared/data/" + FILE_NAME + ")");
        }
        return file;
    }

    /** Every line of the sample, in file order. */
    public static List<String> lines() {
        try {
            return Files.readAllLines(file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line as a structured-mode CloudEvent, with the line itself as {@code data}. */
    public static String envelope(String line) {
        try {
            JsonNode event = MAPPER.readTree(line);
            return "{\"specversion\":\"1.0\",\"id\":" + quote(event.get("id").asText())
                    + ",\"source\":\"" + SOURCE + "\",\"type\":" + quote(event.get("type").asText())
                    + ",\"subject\":" + quote(event.get("repo").get("name").asText())
                    + ",\"time\":" + quote(event.get("created_at").asText())
                    + ",\"data\":" + line + "}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) throws IOException {
        return MAPPER.writeValueAsString(text);
    }
}
