package dev.eventpipeline.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} variable and {@code Fn::If} condition of a template
 * whose target does not exist, as CloudFormation would refuse it at deployment.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html">
 *      Pseudo parameters</a>
 */
final class TemplateReferences {

    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    /** {@code ${Name}} or {@code ${Resource.Attribute}}; {@code ${!Literal}} is text, not a variable. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Set<String> resources;
    private final Set<String> parameters;
    private final Set<String> conditions;
    private final List<String> problems = new ArrayList<>();

    private TemplateReferences(Map<String, Object> template) {
        this.resources = Nodes.map(template.get("Resources")).keySet();
        this.parameters = Nodes.map(template.get("Parameters")).keySet();
        this.conditions = Nodes.map(template.get("Conditions")).keySet();
    }

    /** One line per reference that points nowhere, naming the function and the missing target. */
    static List<String> dangling(Map<String, Object> template) {
        TemplateReferences references = new TemplateReferences(template);
        references.walk(template.get("Resources"));
        references.walk(template.get("Outputs"));
        references.walk(template.get("Conditions"));
        references.walk(template.get("Globals"));
        return references.problems;
    }

    private void walk(Object node) {
        if (node instanceof List<?> list) {
            list.forEach(this::walk);
        } else if (node instanceof Map<?, ?> map) {
            checkFunction(Nodes.map(map));
            map.values().forEach(this::walk);
        }
    }

    private void checkFunction(Map<String, Object> node) {
        String name = Nodes.functionName(node);
        if (name == null) {
            return;
        }
        Object argument = node.get(name);
        switch (name) {
            case "Ref" -> checkRef(argument);
            case "Fn::GetAtt" -> checkGetAtt(argument);
            case "Fn::Sub" -> checkSub(argument);
            case "Fn::If" -> checkCondition(Nodes.list(argument).get(0), "Fn::If");
            case "Condition" -> checkCondition(argument, "Condition");
            default -> {
            }
        }
    }

    private void checkRef(Object target) {
        if (target instanceof String name && !isParameterOrResource(name)) {
            problems.add("Ref " + name + ": no resource, parameter or pseudo parameter of that name");
        }
    }

    private void checkGetAtt(Object argument) {
        String target = argument instanceof String dotted ? dotted : String.valueOf(Nodes.list(argument).get(0));
        String resource = target.split("\\.", 2)[0];
        if (!resources.contains(resource)) {
            problems.add("Fn::GetAtt " + target + ": no resource " + resource);
        }
    }

    private void checkSub(Object argument) {
        String text = argument instanceof String string ? string : String.valueOf(Nodes.list(argument).get(0));
        Set<String> local = argument instanceof List<?> ? Nodes.map(Nodes.list(argument).get(1)).keySet() : Set.of();
        Matcher variables = SUB_VARIABLE.matcher(text);
        while (variables.find()) {
            checkSubVariable(variables.group(1), local);
        }
    }

    private void checkSubVariable(String variable, Set<String> local) {
        String name = variable.contains("::") ? variable : variable.split("\\.", 2)[0];
        boolean attribute = !variable.contains("::") && variable.contains(".");
        boolean known = local.contains(variable) || (attribute ? resources.contains(name) : isParameterOrResource(name));
        if (!known) {
            problems.add("Fn::Sub ${" + variable + "}: no resource, parameter or pseudo parameter " + name);
        }
    }

    private void checkCondition(Object name, String function) {
        if (!conditions.contains(String.valueOf(name))) {
            problems.add(function + " " + name + ": no condition of that name");
        }
    }

    private boolean isParameterOrResource(String name) {
        return resources.contains(name) || parameters.contains(name) || PSEUDO_PARAMETERS.contains(name);
    }
}
