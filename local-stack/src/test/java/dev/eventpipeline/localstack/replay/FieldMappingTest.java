package dev.eventpipeline.localstack.replay;

import org.junit.jupiter.api.Test;

import dev.eventpipeline.model.Envelopes;
import dev.eventpipeline.model.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldMappingTest {

    private static final String LINE = "{\"id\":\"2489368070\",\"type\":\"PushEvent\",\"repo\":{\"name\":\"octo/cat\"},"
            + "\"created_at\":\"2015-01-01T00:00:00Z\",\"n\":1e126,\"items\":[{\"id\":7}]}";

    @Test
    void map_shouldBuildAValidEnvelope_withTheWholeLineAsData() {
        FieldMapping mapping = new FieldMapping(ReplayOptions.parse("--subject", "$.repo.name", "--time", "$.created_at",
                "--source-value", "https://api.github.com"));

        FieldMapping.Mapped mapped = mapping.map(LINE);
        Event event = Envelopes.parseStructured(mapped.envelope());

        assertThat(mapped.subject()).isEqualTo("octo/cat");
        assertThat(event.id()).isEqualTo("2489368070");
        assertThat(event.type()).isEqualTo("PushEvent");
        assertThat(event.source()).isEqualTo("https://api.github.com");
        assertThat(event.data()).isEqualTo(LINE);
    }

    @Test
    void map_shouldReadArrayIndexesAndNumbers_whenPathsPointAtThem() {
        FieldMapping mapping = new FieldMapping(ReplayOptions.parse("--id", "$.items[0].id", "--subject", "repo.name",
                "--source", "$.type", "--data", "$.items"));

        Event event = Envelopes.parseStructured(mapping.map(LINE).envelope());

        assertThat(event.id()).isEqualTo("7");
        assertThat(event.source()).isEqualTo("PushEvent");
        assertThat(event.data()).isEqualTo("[{\"id\":7}]");
    }

    @Test
    void map_shouldNameThePath_whenAFieldIsMissing() {
        FieldMapping mapping = new FieldMapping(ReplayOptions.parse("--subject", "$.repository.name", "--source-value",
                "/s"));

        assertThatThrownBy(() -> mapping.map(LINE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no subject at $.repository.name (a string or number is needed)");
    }

    @Test
    void map_shouldSayTheLineIsNotJson() {
        FieldMapping mapping = new FieldMapping(ReplayOptions.parse("--subject", "$.s", "--source-value", "/s"));

        assertThatThrownBy(() -> mapping.map("{oops")).hasMessageStartingWith("the line is not JSON");
    }

    @Test
    void parse_shouldRequireSubjectAndExactlyOneSource() {
        assertThatThrownBy(() -> ReplayOptions.parse("--source-value", "/s"))
                .hasMessageContaining("--subject is required");
        assertThatThrownBy(() -> ReplayOptions.parse("--subject", "$.s"))
                .hasMessage("give exactly one of --source PATH and --source-value URI");
        assertThatThrownBy(() -> ReplayOptions.parse("--subject", "$.s", "--source-value", "/s", "--batch-size", "501"))
                .hasMessage("--batch-size must be a whole number from 1 to 500, not 501");
    }
}
