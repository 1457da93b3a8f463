package dev.eventpipeline.localstack.sam;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation or SAM template written in YAML, turning the short forms of intrinsic functions ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, ...) into their long JSON forms ({@code {"Ref": ...}}, {@code {"Fn::GetAtt": ...}}).
 */
final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs",
            "GetAtt", "If", "ImportValue", "Join", "Not", "Or", "Select", "Split", "Sub", "Transform");

    private CfnYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path template) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(16 * 1024 * 1024);
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml(new IntrinsicConstructor(options)).load(reader);
        }
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            FUNCTIONS.forEach(name -> yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name)));
        }

        private final class Intrinsic extends AbstractConstruct {

            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = key.equals("Fn::GetAtt") ? Arrays.asList(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
