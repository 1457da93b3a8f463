package dev.eventpipeline.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code infra/sam-template.yaml} as the checks see it: resources, parameters and properties, with the SAM
 * {@code Globals} applied where the checks need them and paths resolved as {@code sam build} resolves them (relative
 * to the template's folder).
 */
record SamTemplate(Path file, Map<String, Object> root) {

    static final String FUNCTION = "AWS::Serverless::Function";
    static final String TASK_DEFINITION = "AWS::ECS::TaskDefinition";

    /** The template of this checkout, found from the {@code basedir} that Maven gives the tests. */
    static SamTemplate load() {
        Path file = infraDir().resolve("sam-template.yaml");
        return new SamTemplate(file, CloudFormationYaml.read(file));
    }

    /** The {@code infra} module's folder. */
    static Path infraDir() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    }

    /** The folder of a module beside {@code infra}, such as {@code projection-service}. */
    static Path moduleDir(String module) {
        return infraDir().resolveSibling(module);
    }

    Map<String, Object> resources() {
        return Nodes.map(root.get("Resources"));
    }

    Map<String, Object> parameters() {
        return Nodes.map(root.get("Parameters"));
    }

    Map<String, Object> conditions() {
        return Nodes.map(root.get("Conditions"));
    }

    /** Logical id to properties of every resource of one type, in template order. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(Nodes.map(resource).get("Type"))) {
                found.put(id, properties(id));
            }
        });
        return found;
    }

    Map<String, Object> properties(String logicalId) {
        return Nodes.map(Nodes.map(resources().get(logicalId)).get("Properties"));
    }

    /** A function's property, or the value {@code Globals.Function} gives it. */
    Object functionProperty(String logicalId, String name) {
        Object own = properties(logicalId).get(name);
        if (own != null) {
            return own;
        }
        return Nodes.map(Nodes.map(root.get("Globals")).get("Function")).get(name);
    }

    /** Where a function's {@code CodeUri} points, resolved against the template's folder. */
    Path codeUri(String functionId) {
        return file.getParent().resolve((String) functionProperty(functionId, "CodeUri")).normalize();
    }

    /** The module that builds a function: {@code ../ingest-lambda/target/function.zip} is built by {@code ingest-lambda}. */
    Path functionModule(String functionId) {
        return codeUri(functionId).getParent().getParent();
    }

    /** The container definitions of every task definition. */
    List<Map<String, Object>> containers() {
        return resourcesOfType(TASK_DEFINITION).values().stream()
                .flatMap(task -> Nodes.list(task.get("ContainerDefinitions")).stream())
                .map(Nodes::map)
                .toList();
    }
}
