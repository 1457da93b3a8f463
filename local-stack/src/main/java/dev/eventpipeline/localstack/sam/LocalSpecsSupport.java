package dev.eventpipeline.localstack.sam;

import java.util.List;
import java.util.Map;

/** Casts for the untyped maps and lists that YAML gives. */
final class LocalSpecsSupport {

    private LocalSpecsSupport() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
