package dev.eventpipeline.model;

import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbJsonTest {

    private static final String ALL_TYPES = """
            {"s":{"S":"caf\u00e9"},"n":{"N":"12345678901234567890123456789012345678"},"b":{"B":"AAEC/w=="},
             "bool":{"BOOL":false},"nul":{"NULL":true},"l":{"L":[{"N":"9007199254740993"},{"S":""}]},
             "m":{"M":{"inner":{"NULL":true}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","-0.5"]},"bs":{"BS":["AQ=="]}}""";

    @Test
    void readItem_shouldKeepEveryTypeIntact_whenReadingWhatStreamsDeliver() {
        Map<String, AttributeValue> item = DynamoDbJson.readItem(ALL_TYPES);

        assertThat(item.get("n").n()).isEqualTo("12345678901234567890123456789012345678");
        assertThat(item.get("b").b().asByteArray()).containsExactly(0, 1, 2, 255);
        assertThat(item.get("bool").bool()).isFalse();
        assertThat(item.get("nul").nul()).isTrue();
        assertThat(item.get("l").l().get(0).n()).isEqualTo("9007199254740993");
        assertThat(item.get("m").m().get("inner").nul()).isTrue();
        assertThat(item.get("ns").ns()).containsExactly("1", "-0.5");
        assertThat(item.get("bs").bs().get(0).asByteArray()).containsExactly(1);
    }

    @Test
    void writeItem_shouldWriteWhatReadItemReads_withoutEncodingBinaryTwice() {
        Map<String, AttributeValue> item = DynamoDbJson.readItem(ALL_TYPES);

        String written = DynamoDbJson.writeItem(item);

        assertThat(DynamoDbJson.readItem(written)).isEqualTo(item);
        assertThat(written).contains("{\"B\":\"AAEC/w==\"}");
    }

    @Test
    void readItem_shouldNameTheAttribute_whenAValueIsNotTyped() {
        assertThatThrownBy(() -> DynamoDbJson.readItem("{\"m\":{\"M\":{\"x\":\"plain\"}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x' is not a DynamoDB attribute value");
    }

    @Test
    void fromItem_shouldNameTheMissingAttribute_whenItemIsNotAnEvent() {
        assertThatThrownBy(() -> EventItem.fromItem(Map.of("subject", AttributeValue.fromS("s"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an event item: attribute 'id' is missing");
    }
}
