package dev.eventpipeline.streamprocessor;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventpipeline.model.DynamoDbJson;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbStreamEventTest {

    @Test
    void read_keepsEveryAttributeType_whenNewImageHoldsAllTypes() throws Exception {
        // GIVEN a record as Lambda delivers it, its new image holding S, N (38 digits), B, BOOL, NULL, L, M, SS, NS, BS
        String fixture = StreamEvents.fixture("insert-all-attribute-types.json");

        // WHEN
        Map<String, AttributeValue> item = DynamoDbStreamEvent.read(stream(fixture)).get(0).newItem();

        // THEN every value is as DynamoDB holds it, and writes back to the exact image Lambda sent
        assertThat(item.get("bigNumber").n()).isEqualTo("12345678901234567890123456789012345678");
        assertThat(item.get("checksum").b().asByteArray()).containsExactly(0xde, 0xad, 0xbe, 0xef);
        assertThat(item.get("archived").bool()).isFalse();
        assertThat(item.get("note").nul()).isTrue();
        assertThat(item.get("audit").m().get("flags").l())
                .extracting(AttributeValue::type)
                .extracting(Enum::name)
                .containsExactly("BOOL", "NUL", "N", "B");
        assertThat(item.get("tags").ss()).containsExactly("alpha", "ßéta");
        assertThat(item.get("counts").ns()).containsExactly("1", "-0.5", "99999999999999999999999999999999999999");
        assertThat(item.get("blobs").bs())
                .containsExactly(SdkBytes.fromByteArray(new byte[] { 0, 1 }), SdkBytes.fromByteArray(new byte[] { -1 }));
        assertThat(item.get("data").s()).contains("\"big\":9007199254740993", "\"nothing\":null", "🚀");
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(DynamoDbJson.writeItem(item)))
                .isEqualTo(mapper.readTree(fixture).path("Records").path(0).path("dynamodb").path("NewImage"));
    }

    @Test
    void read_keepsFractionOfSecond_whenApproximateCreationDateTimeHasOne() {
        // GIVEN creation times written as 1764584200.001 and in exponent form, 1.7645842025E9
        String fixture = StreamEvents.fixture("insert-modify-remove.json");

        // WHEN
        List<StreamRecord> records = DynamoDbStreamEvent.read(stream(fixture));

        // THEN
        assertThat(records.get(0).approximateCreationDateTime()).isEqualTo(Instant.ofEpochSecond(1764584200, 1_000_000));
        assertThat(records.get(2).approximateCreationDateTime()).isEqualTo(Instant.ofEpochSecond(1764584202, 500_000_000));
        assertThat(records.get(3).approximateCreationDateTime()).isEqualTo(Instant.ofEpochSecond(1764590000));
    }

    @Test
    void read_returnsRecordWithoutNewImage_whenRecordIsTtlRemove() {
        // GIVEN a REMOVE record from a TTL expiry: OldImage and userIdentity, no NewImage
        String fixture = StreamEvents.fixture("insert-modify-remove.json");

        // WHEN
        StreamRecord remove = DynamoDbStreamEvent.read(stream(fixture)).get(3);

        // THEN
        assertThat(remove.eventName()).isEqualTo("REMOVE");
        assertThat(remove.isInsert()).isFalse();
        assertThat(remove.newImage()).isNull();
        assertThat(remove.sequenceNumber()).isEqualTo("200000000000000000004");
        assertThatThrownBy(remove::newItem).hasMessageContaining("NEW_IMAGE");
    }

    @Test
    void read_throwsInvalidStreamEvent_whenPayloadHasNoRecords() {
        // GIVEN an SQS-shaped payload sent to the wrong function
        String payload = "{\"messages\":[]}";

        // WHEN / THEN
        assertThatThrownBy(() -> DynamoDbStreamEvent.read(stream(payload)))
                .isInstanceOf(InvalidStreamEventException.class)
                .hasMessageContaining("'Records'");
    }

    @Test
    void read_throwsInvalidStreamEvent_whenRecordHasNoSequenceNumber() {
        // GIVEN
        String payload = "{\"Records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{}}]}";

        // WHEN / THEN
        assertThatThrownBy(() -> DynamoDbStreamEvent.read(stream(payload)))
                .isInstanceOf(InvalidStreamEventException.class)
                .hasMessageContaining("record 0")
                .hasMessageContaining("SequenceNumber");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
