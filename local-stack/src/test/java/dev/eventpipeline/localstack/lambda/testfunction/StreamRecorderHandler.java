package dev.eventpipeline.localstack.lambda.testfunction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The test stream processor: appends every event it gets as one line to {@code RECORD_FILE}, then answers by the
 * records' {@code pk}: {@code poison*} always throws; {@code flaky*} is reported as a batch item failure the first
 * time it is seen; {@code badid*} gets an empty item identifier the first time.
 */
public class StreamRecorderHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        Files.writeString(Path.of(System.getenv("RECORD_FILE")), event + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ObjectNode response = JSON.createObjectNode();
        var failures = response.putArray("batchItemFailures");
        for (JsonNode record : event.get("Records")) {
            String key = record.at("/dynamodb/Keys/pk/S").asText();
            String sequenceNumber = record.at("/dynamodb/SequenceNumber").asText();
            if (key.startsWith("poison")) {
                throw new IllegalStateException("cannot process " + key);
            }
            if (key.startsWith("flaky") && firstTime(key)) {
                failures.addObject().put("itemIdentifier", sequenceNumber);
            }
            if (key.startsWith("badid") && firstTime(key)) {
                failures.addObject().put("itemIdentifier", "");
            }
        }
        JSON.writeValue(output, response);
    }

    private static boolean firstTime(String key) throws IOException {
        Path marker = Path.of(System.getenv("RECORD_FILE") + "." + key);
        if (Files.exists(marker)) {
            return false;
        }
        Files.createFile(marker);
        return true;
    }
}
