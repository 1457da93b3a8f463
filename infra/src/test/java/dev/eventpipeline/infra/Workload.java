package dev.eventpipeline.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Something the template runs with environment variables: a function, built by the module its {@code CodeUri} points
 * into, or a container, built by the module of the container's name.
 *
 * @param name the function's logical id or the container's name
 * @param module the module whose code runs there
 * @param environment the variables the template sets, plain or from a secret
 * @param platformProvided the variables Lambda or ECS set by themselves, which the template may not or need not set
 */
record Workload(String name, ModuleSources module, Set<String> environment, Set<String> platformProvided) {

    /**
     * Lambda reserves these and sets them in every function.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime">
     *      Defined runtime environment variables</a>
     */
    static final Set<String> LAMBDA_PROVIDED = Set.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
            "_HANDLER", "TZ");

    /** The ECS agent sets these in every Fargate container. */
    static final Set<String> ECS_PROVIDED = Set.of("AWS_EXECUTION_ENV", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "ECS_CONTAINER_METADATA_URI", "ECS_CONTAINER_METADATA_URI_V4", "HOSTNAME");

    static List<Workload> all(SamTemplate template) {
        List<Workload> workloads = new ArrayList<>();
        template.resourcesOfType(SamTemplate.FUNCTION).keySet().forEach(id -> workloads.add(function(template, id)));
        template.containers().forEach(container -> workloads.add(container(container)));
        return workloads;
    }

    private static Workload function(SamTemplate template, String id) {
        Set<String> environment = new TreeSet<>(variables(template.properties(id)));
        environment.addAll(variables(Nodes.map(Nodes.map(template.root().get("Globals")).get("Function"))));
        return new Workload(id, new ModuleSources(template.functionModule(id)), environment, LAMBDA_PROVIDED);
    }

    private static Set<String> variables(Map<String, Object> function) {
        return Nodes.map(Nodes.map(function.get("Environment")).get("Variables")).keySet();
    }

    private static Workload container(Map<String, Object> container) {
        Set<String> environment = new TreeSet<>();
        Nodes.list(container.get("Environment")).forEach(variable -> environment.add(name(variable)));
        Nodes.list(container.get("Secrets")).forEach(secret -> environment.add(name(secret)));
        String name = String.valueOf(container.get("Name"));
        return new Workload(name, new ModuleSources(SamTemplate.moduleDir(name)), environment, ECS_PROVIDED);
    }

    private static String name(Object variable) {
        return String.valueOf(Nodes.map(variable).get("Name"));
    }

    @Override
    public String toString() {
        return name + " (" + module.name() + ")";
    }
}
