package dev.eventpipeline.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a CloudFormation or SAM template written in YAML, turning the short forms of intrinsic functions
 * ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, {@code !If}, ...) into their full JSON forms ({@code Ref},
 * {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::If}, ...), as CloudFormation itself does, so that checks need to
 * understand one form only.
 */
final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    /** The template as nested maps, lists and scalars. */
    static Map<String, Object> read(Path file) {
        Yaml yaml = new Yaml(new IntrinsicFunctionConstructor(new LoaderOptions()));
        try (Reader reader = Files.newBufferedReader(file)) {
            return yaml.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + file, e);
        }
    }

    /** Reads a template from text, for checks of the checks themselves. */
    static Map<String, Object> read(String text) {
        return new Yaml(new IntrinsicFunctionConstructor(new LoaderOptions())).load(text);
    }

    /** Constructs every local tag ({@code !Name}) as the one-key map of the function's full form. */
    private static final class IntrinsicFunctionConstructor extends SafeConstructor {

        IntrinsicFunctionConstructor(LoaderOptions options) {
            super(options);
            yamlMultiConstructors.put("!", new ConstructIntrinsicFunction());
        }

        private final class ConstructIntrinsicFunction extends AbstractConstruct {

            @Override
            public Object construct(Node node) {
                return Map.of(fullName(node.getTag().getValue().substring(1)), argument(node));
            }

            private static String fullName(String shortName) {
                return shortName.equals("Ref") || shortName.equals("Condition") ? shortName : "Fn::" + shortName;
            }

            private Object argument(Node node) {
                return switch (node.getNodeId()) {
                    case scalar -> constructScalar((ScalarNode) node);
                    case sequence -> constructSequence((SequenceNode) node);
                    default -> constructMapping((MappingNode) node);
                };
            }
        }
    }
}
