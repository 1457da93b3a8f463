package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What a function's {@code StreamsEventResponse} ({@code {"batchItemFailures": [{"itemIdentifier": "<sequence
 * number>"}]}}) means for a batch, by Lambda's rules: no answer, no JSON object, or an empty list is a complete
 * success; a list of known sequence numbers means retry from the lowest of them; an entry without an identifier, with
 * an empty one or one not in the batch makes the whole batch a failure.
 *
 * @param retryFrom index in the batch of the first record to retry; -1 when every record succeeded
 * @param invalidReason why the answer failed the whole batch, or null
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html">Reporting batch
 *      item failures</a>
 */
record BatchItemFailures(int retryFrom, String invalidReason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static BatchItemFailures of(byte[] response, List<Record> batch) {
        JsonNode failures = batchItemFailures(response);
        if (failures == null || failures.isEmpty()) {
            return new BatchItemFailures(-1, null);
        }
        BigInteger lowest = null;
        for (JsonNode failure : failures) {
            String identifier = failure.path("itemIdentifier").asText("");
            if (identifier.isEmpty() || indexOf(batch, identifier) < 0) {
                return new BatchItemFailures(-1, "itemIdentifier '" + identifier + "' is not a sequence number of the batch");
            }
            BigInteger sequence = new BigInteger(identifier);
            lowest = lowest == null || sequence.compareTo(lowest) < 0 ? sequence : lowest;
        }
        return new BatchItemFailures(indexOf(batch, lowest.toString()), null);
    }

    boolean allSucceeded() {
        return retryFrom < 0 && invalidReason == null;
    }

    private static JsonNode batchItemFailures(byte[] response) {
        try {
            JsonNode failures = JSON.readTree(response).path("batchItemFailures");
            return failures.isArray() ? failures : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(List<Record> batch, String sequenceNumber) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }
}
