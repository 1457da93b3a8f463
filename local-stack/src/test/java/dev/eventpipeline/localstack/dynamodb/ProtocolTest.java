package dev.eventpipeline.localstack.dynamodb;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON 1.0 wire format itself, as non-SDK clients (and the SDK's error parsing) see it. */
class ProtocolTest {

    static LocalDynamoDbFixture local;
    static HttpClient http;

    @BeforeAll
    static void start() {
        local = LocalDynamoDbFixture.inMemory();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void errorBody_shouldCarryTheQualifiedTypeAndMessage_whenAConditionFails() throws Exception {
        // GIVEN
        String table = local.createTable(false, null);
        String item = "{\"TableName\":\"" + table + "\",\"Item\":{\"pk\":{\"S\":\"a\"}},"
                + "\"ConditionExpression\":\"attribute_exists(pk)\"}";

        // WHEN
        HttpResponse<String> response = post("DynamoDB_20120810.PutItem", item);

        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        assertThat(response.body()).isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}");
    }

    @Test
    void request_shouldAnswerUnknownOperation_whenTheTargetIsNotAnOperation() throws Exception {
        // WHEN
        HttpResponse<String> response = post("DynamoDB_20120810.ExecuteStatement", "{}");

        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("#UnknownOperationException");
    }

    @Test
    void request_shouldAnswerSerializationException_whenTheBodyIsNotJson() throws Exception {
        // WHEN
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{not json");

        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("#SerializationException");
    }

    private static HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(local.db.endpoint())
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
