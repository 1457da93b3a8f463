package dev.eventpipeline.infra;

import java.util.List;
import java.util.Map;

/** Typed views of the maps, lists and scalars that a parsed template is made of; absent parts read as empty. */
final class Nodes {

    private Nodes() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** A node that may be one item or a list of items, as a list: IAM's {@code Action} and {@code Resource}. */
    static List<Object> oneOrMany(Object node) {
        if (node == null) {
            return List.of();
        }
        return node instanceof List<?> ? list(node) : List.of(node);
    }

    /** The single key of an intrinsic function's map ({@code Ref}, {@code Fn::Sub}, ...), or {@code null}. */
    static String functionName(Object node) {
        Map<String, Object> map = map(node);
        if (map.size() != 1) {
            return null;
        }
        String key = map.keySet().iterator().next();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::") ? key : null;
    }
}
