package dev.eventpipeline.localstack.sam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.eventpipeline.localstack.sam.LocalSpecs.Container;
import dev.eventpipeline.localstack.sam.LocalSpecs.Function;
import dev.eventpipeline.localstack.sam.LocalSpecs.HttpRoute;
import dev.eventpipeline.localstack.sam.LocalSpecs.Key;
import dev.eventpipeline.localstack.sam.LocalSpecs.Queue;
import dev.eventpipeline.localstack.sam.LocalSpecs.StreamSource;
import dev.eventpipeline.localstack.sam.LocalSpecs.Table;

/**
 * The SAM template as the local run reads it: the same {@code infra/sam-template.yaml} that deploys to AWS, so tables,
 * queues, functions and their settings cannot drift apart between the two.
 * <p>
 * Names are evaluated with the parameters' defaults, the stack name {@value #STACK_NAME} and the given region. Resource
 * types the local run has no use for (IAM, networking, ECS, Aurora, alarms, log groups) are listed by
 * {@link #skippedTypes()}.
 */
public final class SamTemplate {

    /** The stack name the local run stands in for, as {@code sam deploy} would be given it. */
    public static final String STACK_NAME = "event-pipeline";
    /** The account id of every local ARN and queue URL. */
    public static final String ACCOUNT_ID = "000000000000";

    private static final Set<String> USED_TYPES = Set.of("AWS::DynamoDB::Table", "AWS::SQS::Queue",
            "AWS::Serverless::Function", "AWS::ECS::TaskDefinition");

    private final Path folder;
    private final Map<String, Object> template;
    private final Map<String, Map<String, String>> attributes = new HashMap<>();
    private final Intrinsics intrinsics;

    private SamTemplate(Path file, Map<String, Object> template, String region) {
        this.folder = file.toAbsolutePath().getParent();
        this.template = template;
        this.intrinsics = new Intrinsics(attributes, section("Conditions"));
        attributes.put("AWS::Region", Map.of("Ref", region));
        attributes.put("AWS::AccountId", Map.of("Ref", ACCOUNT_ID));
        attributes.put("AWS::StackName", Map.of("Ref", STACK_NAME));
        attributes.put("AWS::Partition", Map.of("Ref", "aws"));
        attributes.put("AWS::URLSuffix", Map.of("Ref", "amazonaws.com"));
        section("Parameters").forEach((name, definition) -> {
            Object fallback = map(definition).get("Default");
            if (fallback != null) {
                attributes.put(name, Map.of("Ref", fallback instanceof List<?> list
                        ? String.join(",", list.stream().map(Object::toString).toList())
                        : fallback.toString()));
            }
        });
    }

    /**
     * Reads a template.
     *
     * @throws IOException when the file cannot be read
     */
    public static SamTemplate load(Path file, String region) throws IOException {
        return new SamTemplate(file, CfnYaml.read(file), region);
    }

    /** Tells the template what a resource is called in the local run, for {@code Ref} and {@code GetAtt}. */
    public void define(String logicalId, Map<String, String> values) {
        attributes.put(logicalId, Map.copyOf(values));
    }

    /** A {@code GetAtt} attribute of a resource the local run created, e.g. a table's {@code StreamArn}. */
    public String attribute(String logicalId, String name) {
        return evaluate(Map.of("Fn::GetAtt", List.of(logicalId, name)));
    }

    /**
     * Evaluates a template value, such as an environment variable of a function.
     *
     * @throws TemplateValueException naming what the local run cannot evaluate
     */
    public String evaluate(Object value) {
        return intrinsics.text(value);
    }

    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        resources("AWS::DynamoDB::Table").forEach((id, properties) -> {
            Map<String, String> types = new HashMap<>();
            list(properties.get("AttributeDefinitions")).forEach(definition -> types.put(
                    string(map(definition).get("AttributeName")), string(map(definition).get("AttributeType"))));
            List<Key> keys = list(properties.get("KeySchema")).stream()
                    .map(LocalSpecsSupport::map)
                    .map(key -> new Key(string(key.get("AttributeName")), string(key.get("KeyType")),
                            types.get(string(key.get("AttributeName")))))
                    .sorted((a, b) -> a.keyType().compareTo(b.keyType()))
                    .toList();
            Map<String, Object> stream = map(properties.get("StreamSpecification"));
            Map<String, Object> ttl = map(properties.get("TimeToLiveSpecification"));
            String name = properties.containsKey("TableName") ? evaluate(properties.get("TableName"))
                    : STACK_NAME + "-" + id;
            tables.add(new Table(id, name, keys, (String) stream.get("StreamViewType"),
                    Boolean.TRUE.equals(ttl.get("Enabled")) ? (String) ttl.get("AttributeName") : null));
        });
        return tables;
    }

    public List<Queue> queues() {
        List<Queue> queues = new ArrayList<>();
        resources("AWS::SQS::Queue").forEach((id, properties) -> {
            boolean fifo = Boolean.TRUE.equals(properties.get("FifoQueue"));
            String name = properties.containsKey("QueueName") ? evaluate(properties.get("QueueName"))
                    : STACK_NAME + "-" + id + (fifo ? ".fifo" : "");
            Map<String, Object> redrive = map(properties.get("RedrivePolicy"));
            queues.add(new Queue(id, name, fifo, number(properties.get("VisibilityTimeout"), 30),
                    Boolean.TRUE.equals(properties.get("ContentBasedDeduplication")),
                    redrive.isEmpty() ? null : logicalIdOf(redrive.get("deadLetterTargetArn")),
                    number(redrive.get("maxReceiveCount"), 0)));
        });
        return queues;
    }

    public List<Function> functions() {
        Map<String, Object> globals = map(section("Globals").get("Function"));
        List<Function> functions = new ArrayList<>();
        resources("AWS::Serverless::Function").forEach((id, own) -> {
            Map<String, Object> properties = new LinkedHashMap<>(globals);
            properties.putAll(own);
            Map<String, Object> environment = new LinkedHashMap<>(map(map(globals.get("Environment")).get("Variables")));
            environment.putAll(map(map(own.get("Environment")).get("Variables")));
            List<HttpRoute> routes = new ArrayList<>();
            List<StreamSource> streams = new ArrayList<>();
            map(properties.get("Events")).values().forEach(event -> {
                Map<String, Object> definition = map(event);
                Map<String, Object> settings = map(definition.get("Properties"));
                switch (string(definition.get("Type"))) {
                    case "HttpApi" -> routes.add(new HttpRoute(string(settings.get("Method")), string(settings.get("Path"))));
                    case "DynamoDB" -> streams.add(streamSource(settings));
                    default -> {
                    }
                }
            });
            functions.add(new Function(id, folder.resolve(string(properties.get("CodeUri"))).normalize(),
                    string(properties.get("Handler")), number(properties.get("MemorySize"), 128),
                    number(properties.get("Timeout"), 3), environment, routes, streams));
        });
        return functions;
    }

    public List<Container> containers() {
        List<Container> containers = new ArrayList<>();
        resources("AWS::ECS::TaskDefinition").forEach((id, properties) -> list(properties.get("ContainerDefinitions"))
                .forEach(definition -> {
                    Map<String, Object> container = map(definition);
                    Map<String, Object> environment = new LinkedHashMap<>();
                    list(container.get("Environment")).forEach(variable -> environment.put(
                            string(map(variable).get("Name")), map(variable).get("Value")));
                    List<String> secrets = list(container.get("Secrets")).stream()
                            .map(secret -> string(map(secret).get("Name")))
                            .toList();
                    containers.add(new Container(id, string(container.get("Name")), environment, secrets));
                }));
        return containers;
    }

    /** Resource types in the template that the local run does not create, each with its logical ids. */
    public Set<String> skippedTypes() {
        Map<String, Set<String>> skipped = new HashMap<>();
        section("Resources").forEach((id, resource) -> {
            String type = string(map(resource).get("Type"));
            if (!USED_TYPES.contains(type)) {
                skipped.computeIfAbsent(type, t -> new TreeSet<>()).add(id);
            }
        });
        Set<String> lines = new TreeSet<>();
        skipped.forEach((type, ids) -> lines.add(type + " " + ids));
        return lines;
    }

    private StreamSource streamSource(Map<String, Object> settings) {
        Map<String, Object> onFailure = map(map(settings.get("DestinationConfig")).get("OnFailure"));
        List<Object> responseTypes = list(settings.get("FunctionResponseTypes"));
        return new StreamSource(logicalIdOf(settings.get("Stream")),
                string(settings.getOrDefault("StartingPosition", "TRIM_HORIZON")),
                number(settings.get("BatchSize"), 100),
                number(settings.get("MaximumBatchingWindowInSeconds"), 0),
                Boolean.TRUE.equals(settings.get("BisectBatchOnFunctionError")),
                number(settings.get("MaximumRetryAttempts"), -1),
                number(settings.get("MaximumRecordAgeInSeconds"), -1),
                responseTypes.contains("ReportBatchItemFailures"),
                onFailure.isEmpty() ? null : logicalIdOf(onFailure.get("Destination")));
    }

    /** The logical id behind {@code !GetAtt Id.Attr} or {@code !Ref Id}. */
    private static String logicalIdOf(Object reference) {
        Map<String, Object> call = map(reference);
        Object target = call.containsKey("Fn::GetAtt") ? list(call.get("Fn::GetAtt")).get(0) : call.get("Ref");
        if (target == null) {
            throw new IllegalArgumentException("expected !Ref or !GetAtt of a resource, found " + reference);
        }
        return target.toString();
    }

    private Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        section("Resources").forEach((id, resource) -> {
            Map<String, Object> definition = map(resource);
            if (type.equals(definition.get("Type"))) {
                resources.put(id, map(definition.get("Properties")));
            }
        });
        return resources;
    }

    private Map<String, Object> section(String name) {
        return map(template.get(name));
    }

    private int number(Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(evaluate(value));
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Map<String, Object> map(Object value) {
        return LocalSpecsSupport.map(value);
    }

    private static List<Object> list(Object value) {
        return LocalSpecsSupport.list(value);
    }
}
