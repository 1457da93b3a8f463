package dev.eventpipeline.bench.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.Event;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The cold-start baseline: a plain Java Lambda stream handler without a framework that does the same write as the
 * ingest function (read the API Gateway event, validate the envelope, {@link RawAppend}) with the same SDK client and
 * transport.
 */
public final class PlainJavaHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawAppend append;

    public PlainJavaHandler() {
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getenv("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE")))
                .region(Region.of(System.getenv("AWS_REGION")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        append = new RawAppend(dynamoDb, System.getenv("EVENTS_TABLE"), System.getenv("DEDUP_TABLE"));
    }

    /** The stream handler's entry point, as {@code RequestStreamHandler} declares it. */
    public void handleRequest(InputStream input, OutputStream output, Object context) throws IOException {
        JsonNode request = JSON.readTree(input);
        String body = request.path("body").asText();
        if (request.path("isBase64Encoded").asBoolean()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Event event = Envelopes.parseStructured(body);
        long sequence = append.append(event);
        String receipt = JSON.createObjectNode()
                .put("id", event.id())
                .put("subject", event.subject())
                .put("sequence", sequence)
                .toString();
        output.write(JSON.createObjectNode()
                .put("statusCode", 201)
                .put("body", receipt)
                .toString()
                .getBytes(StandardCharsets.UTF_8));
    }
}
