package dev.eventpipeline.localstack.dynamodb.internal.expression;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A document path such as {@code a.b[0].c}: attribute names ({@link String}) and list indexes ({@link Integer}), with
 * placeholders already replaced by the names they stand for.
 */
public record DocumentPath(List<Object> elements) {

    /** The top-level attribute the path starts with. */
    public String attribute() {
        return (String) elements.get(0);
    }

    /** Whether the path names a top-level attribute only. */
    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** The value at this path in an item, or {@code null} when it is absent. */
    public JsonNode resolve(JsonNode item) {
        JsonNode value = item.get(attribute());
        for (int i = 1; i < elements.size() && value != null; i++) {
            value = step(value, elements.get(i));
        }
        return value;
    }

    static JsonNode step(JsonNode value, Object element) {
        if (element instanceof Integer index) {
            JsonNode list = value.get("L");
            return list == null ? null : list.get(index);
        }
        JsonNode map = value.get("M");
        return map == null ? null : map.get((String) element);
    }

    /** Whether one of the paths is the other or contains it, which DynamoDB refuses in one update. */
    public boolean overlaps(DocumentPath other) {
        int common = Math.min(elements.size(), other.elements.size());
        return elements.subList(0, common).equals(other.elements.subList(0, common));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            text.append(i == 0 ? "" : ", ");
            Object element = elements.get(i);
            text.append(element instanceof Integer ? "[" + element + "]" : element);
        }
        return text.append(']').toString();
    }
}
