package dev.eventpipeline.localstack.lambda;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One route of an API Gateway HTTP API with a Lambda proxy integration, e.g. {@code POST /events},
 * {@code GET /streams/{subject}}, {@code ANY /{proxy+}} or {@code $default}.
 *
 * @param routeKey the route key as in the SAM template's {@code HttpApi} event ({@code Method} and {@code Path})
 * @param function the integration's function
 */
public record HttpRoute(String routeKey, FunctionInvoker function) {

    /** The catch-all route key, matched when no other route does. */
    public static final String DEFAULT_ROUTE = "$default";

    /** The route of an {@code HttpApi} event: {@code "<METHOD> <path>"}; method {@code ANY} matches every method. */
    public static HttpRoute of(String method, String path, FunctionInvoker function) {
        return new HttpRoute(method.toUpperCase() + " " + path, function);
    }

    /**
     * The path parameters when this route matches the request, as API Gateway binds them: {@code {name}} takes one
     * segment, a final {@code {name+}} the rest of the path.
     */
    Optional<Map<String, String>> match(String method, String path) {
        if (isDefault()) {
            return Optional.of(Map.of());
        }
        String[] key = routeKey.split(" ", 2);
        if (!key[0].equals("ANY") && !key[0].equals(method)) {
            return Optional.empty();
        }
        return matchPath(segments(key[1]), segments(path));
    }

    boolean isDefault() {
        return routeKey.equals(DEFAULT_ROUTE);
    }

    /** API Gateway tries routes without a greedy variable first, then greedy ones, then {@code $default}. */
    int precedence() {
        if (isDefault()) {
            return 3;
        }
        return (routeKey.contains("+}") ? 1 : 0) + (routeKey.startsWith("ANY ") ? 1 : 0);
    }

    private static Optional<Map<String, String>> matchPath(List<String> template, List<String> path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            if (part.startsWith("{") && part.endsWith("+}") && i == template.size() - 1 && path.size() > i) {
                parameters.put(part.substring(1, part.length() - 2), String.join("/", path.subList(i, path.size())));
                return Optional.of(parameters);
            }
            if (i >= path.size()) {
                return Optional.empty();
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                parameters.put(part.substring(1, part.length() - 1), path.get(i));
            } else if (!part.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return template.size() == path.size() ? Optional.of(parameters) : Optional.empty();
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty())
                .toList();
    }
}
