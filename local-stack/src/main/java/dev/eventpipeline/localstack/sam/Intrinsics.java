package dev.eventpipeline.localstack.sam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions against the resources of the local run: {@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If} with the template's
 * conditions ({@code Fn::Equals}, {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}), and {@code AWS::NoValue}.
 * <p>
 * A reference to something the local run does not create (an Aurora endpoint, a load balancer) cannot be evaluated
 * and raises {@link TemplateValueException}; the caller then supplies the local value or explains what is missing.
 */
final class Intrinsics {

    /** Stands for {@code AWS::NoValue}: the property is left out. */
    static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Map<String, Map<String, String>> attributes;
    private final Map<String, Object> conditions;

    /**
     * @param attributes per logical id (resources, parameters, pseudo parameters such as {@code AWS::Region}) its
     *        {@code Ref} value under the key {@code Ref} and its {@code GetAtt} attributes under their names
     * @param conditions the template's {@code Conditions} section
     */
    Intrinsics(Map<String, Map<String, String>> attributes, Map<String, Object> conditions) {
        this.attributes = attributes;
        this.conditions = conditions;
    }

    /** The value of a template node with every intrinsic function evaluated. */
    @SuppressWarnings("unchecked")
    Object evaluate(Object node) {
        if (node instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<String, Object> function = ((Map<String, Object>) map).entrySet().iterator().next();
            if (function.getKey().equals("Ref") || function.getKey().startsWith("Fn::")) {
                return call(function.getKey(), function.getValue());
            }
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, value) -> {
                Object evaluated = evaluate(value);
                if (evaluated != NO_VALUE) {
                    result.put(key, evaluated);
                }
            });
            return result;
        }
        if (node instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(element -> {
                Object evaluated = evaluate(element);
                if (evaluated != NO_VALUE) {
                    result.add(evaluated);
                }
            });
            return result;
        }
        return node;
    }

    /** The value of a node that must evaluate to text, such as an environment variable. */
    String text(Object node) {
        Object value = evaluate(node);
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new TemplateValueException("expected text, found " + value);
    }

    boolean condition(String name) {
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new TemplateValueException("the template has no condition " + name);
        }
        return truth(definition);
    }

    @SuppressWarnings("unchecked")
    private Object call(String function, Object argument) {
        return switch (function) {
            case "Ref" -> ref((String) argument);
            case "Fn::GetAtt" -> getAtt((List<Object>) argument);
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> join((List<Object>) argument);
            case "Fn::Select" -> select((List<Object>) argument);
            case "Fn::Split" -> List.of(text(((List<Object>) argument).get(1)).split(
                    Pattern.quote(text(((List<Object>) argument).get(0))), -1));
            case "Fn::If" -> {
                List<Object> branches = (List<Object>) argument;
                yield evaluate(condition((String) branches.get(0)) ? branches.get(1) : branches.get(2));
            }
            default -> throw new TemplateValueException(function + " is not evaluated by the local run");
        };
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        return attribute(name, "Ref");
    }

    private String getAtt(List<Object> argument) {
        String attribute = text(argument.get(1));
        return attribute(text(argument.get(0)), attribute);
    }

    private String attribute(String logicalId, String attribute) {
        Map<String, String> values = attributes.get(logicalId);
        String value = values == null ? null : values.get(attribute);
        if (value == null) {
            throw new TemplateValueException(
                    (attribute.equals("Ref") ? "Ref " : "GetAtt ") + logicalId
                            + (attribute.equals("Ref") ? "" : "." + attribute)
                            + " names a resource the local run does not create");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private String sub(Object argument) {
        String template;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            template = (String) list.get(0);
            variables = (Map<String, Object>) list.get(1);
        } else {
            template = (String) argument;
        }
        Matcher m = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (variables.containsKey(name)) {
                value = text(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                value = attribute(parts[0], parts[1]);
            } else {
                value = text(ref(name));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }

    @SuppressWarnings("unchecked")
    private String join(List<Object> argument) {
        String delimiter = text(argument.get(0));
        List<Object> parts = (List<Object>) evaluate(argument.get(1));
        return String.join(delimiter, parts.stream().map(this::text).toList());
    }

    @SuppressWarnings("unchecked")
    private Object select(List<Object> argument) {
        int index = Integer.parseInt(text(argument.get(0)));
        return ((List<Object>) evaluate(argument.get(1))).get(index);
    }

    @SuppressWarnings("unchecked")
    private boolean truth(Object node) {
        Map<String, Object> function = (Map<String, Object>) node;
        Map.Entry<String, Object> call = function.entrySet().iterator().next();
        return switch (call.getKey()) {
            case "Fn::Equals" -> {
                List<Object> sides = (List<Object>) call.getValue();
                yield text(sides.get(0)).equals(text(sides.get(1)));
            }
            case "Fn::Not" -> !truth(((List<Object>) call.getValue()).get(0));
            case "Fn::And" -> ((List<Object>) call.getValue()).stream().allMatch(this::truth);
            case "Fn::Or" -> ((List<Object>) call.getValue()).stream().anyMatch(this::truth);
            case "Condition" -> condition((String) call.getValue());
            default -> throw new TemplateValueException(call.getKey() + " is not a condition function");
        };
    }
}
