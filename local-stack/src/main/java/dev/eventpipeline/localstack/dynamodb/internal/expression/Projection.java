package dev.eventpipeline.localstack.dynamodb.internal.expression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies a projection expression: keeps the named document paths of an item, nested maps and lists included (list
 * elements keep their order and close ranks, as DynamoDB returns them).
 */
public final class Projection {

    private final Map<String, Projection> fields = new LinkedHashMap<>();
    private final TreeMap<Integer, Projection> elements = new TreeMap<>();
    private JsonNode whole;

    private Projection() {
    }

    /** The part of the item the paths select. */
    public static ObjectNode apply(JsonNode item, List<DocumentPath> paths) {
        Projection root = new Projection();
        for (DocumentPath path : paths) {
            JsonNode value = path.resolve(item);
            if (value != null) {
                root.insert(path.elements(), 0, value);
            }
        }
        ObjectNode projected = JsonNodeFactory.instance.objectNode();
        root.fields.forEach((name, child) -> projected.set(name, child.render()));
        return projected;
    }

    private void insert(List<Object> path, int depth, JsonNode value) {
        if (depth == path.size()) {
            whole = value;
            return;
        }
        Object element = path.get(depth);
        Projection child = element instanceof Integer index
                ? elements.computeIfAbsent(index, i -> new Projection())
                : fields.computeIfAbsent((String) element, n -> new Projection());
        child.insert(path, depth + 1, value);
    }

    private JsonNode render() {
        if (whole != null) {
            return whole;
        }
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
        if (!fields.isEmpty()) {
            ObjectNode map = wrapper.putObject("M");
            fields.forEach((name, child) -> map.set(name, child.render()));
        } else {
            ArrayNode list = wrapper.putArray("L");
            elements.values().forEach(child -> list.add(child.render()));
        }
        return wrapper;
    }
}
