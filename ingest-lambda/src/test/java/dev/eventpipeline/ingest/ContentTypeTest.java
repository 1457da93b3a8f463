package dev.eventpipeline.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentTypeTest {

    @Test
    void parse_readsMediaTypeAndCharset_whenHeaderHasParametersInAnyCase() {
        // WHEN
        ContentType contentType = ContentType.parse("Application/CloudEvents+JSON ; Charset=\"windows-1252\"");

        // THEN
        assertThat(contentType.mediaType()).isEqualTo(ContentType.CLOUDEVENTS_JSON);
        assertThat(contentType.charset()).isEqualTo(Charset.forName("windows-1252"));
    }

    @Test
    void parse_defaultsToUtf8_whenNoCharsetIsGiven() {
        // WHEN
        ContentType contentType = ContentType.parse("application/json");

        // THEN
        assertThat(contentType.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void parse_returnsEmptyMediaType_whenHeaderIsAbsent() {
        // WHEN
        ContentType contentType = ContentType.parse(null);

        // THEN
        assertThat(contentType.mediaType()).isEmpty();
    }

    @Test
    void parse_throwsUnsupportedContentType_whenCharsetIsUnknown() {
        // WHEN / THEN
        assertThatThrownBy(() -> ContentType.parse("application/json; charset=klingon-8"))
                .isInstanceOf(UnsupportedContentTypeException.class)
                .hasMessageContaining("klingon-8");
    }
}
