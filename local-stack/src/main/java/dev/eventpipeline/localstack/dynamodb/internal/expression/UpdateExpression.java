package dev.eventpipeline.localstack.dynamodb.internal.expression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.eventpipeline.localstack.dynamodb.internal.ApiException;
import dev.eventpipeline.localstack.dynamodb.internal.AttributeValues;

/**
 * A parsed update expression: SET, REMOVE, ADD and DELETE actions. All operands are read from the item as it was
 * before the update, as DynamoDB does, then the actions are applied to a copy.
 */
public final class UpdateExpression {

    private record Action(String section, DocumentPath path, Operand value) {
    }

    private static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    private static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    private final List<Action> actions;

    private UpdateExpression(List<Action> actions) {
        this.actions = actions;
    }

    /** Every document path the expression changes, for key checks and {@code UPDATED_OLD}/{@code UPDATED_NEW}. */
    public List<DocumentPath> paths() {
        return actions.stream().map(Action::path).toList();
    }

    /** Applies the update to a copy of the item (empty when the item does not exist yet). */
    public ObjectNode apply(ObjectNode oldItem) {
        List<JsonNode> values = new ArrayList<>();
        for (Action action : actions) {
            values.add(action.value() == null ? null : evaluate(action, oldItem));
        }
        ObjectNode newItem = oldItem.deepCopy();
        for (int i = 0; i < actions.size(); i++) {
            applyAction(newItem, actions.get(i), values.get(i));
        }
        return newItem;
    }

    private static JsonNode evaluate(Action action, ObjectNode oldItem) {
        JsonNode value = Operand.required(action.value(), oldItem);
        if (action.section().equals("SET") && isEmptySet(value)) {
            throw ApiException.validation("One or more parameter values were invalid: An number set  may not be empty");
        }
        return value;
    }

    private static boolean isEmptySet(JsonNode value) {
        String type = AttributeValues.type(value);
        return type.length() == 2 && type.endsWith("S") && value.get(type).isEmpty();
    }

    private static void applyAction(ObjectNode item, Action action, JsonNode value) {
        switch (action.section()) {
            case "SET" -> setAt(item, action.path(), value);
            case "REMOVE" -> removeAt(item, action.path());
            case "ADD" -> add(item, action.path(), value);
            default -> delete(item, action.path(), value);
        }
    }

    private static void setAt(ObjectNode item, DocumentPath path, JsonNode value) {
        if (path.isTopLevel()) {
            item.set(path.attribute(), value);
            return;
        }
        JsonNode parent = parent(item, path);
        Object last = path.elements().get(path.elements().size() - 1);
        if (last instanceof Integer index && parent.has("L")) {
            ArrayNode list = (ArrayNode) parent.get("L");
            if (index < list.size()) {
                list.set(index, value);
            } else {
                list.add(value);
            }
        } else if (last instanceof String name && parent.has("M")) {
            ((ObjectNode) parent.get("M")).set(name, value);
        } else {
            throw ApiException.validation(INVALID_PATH);
        }
    }

    private static void removeAt(ObjectNode item, DocumentPath path) {
        if (path.isTopLevel()) {
            item.remove(path.attribute());
            return;
        }
        JsonNode parent = parent(item, path);
        Object last = path.elements().get(path.elements().size() - 1);
        if (last instanceof Integer index && parent.has("L")) {
            ArrayNode list = (ArrayNode) parent.get("L");
            if (index < list.size()) {
                list.remove(index.intValue());
            }
        } else if (last instanceof String name && parent.has("M")) {
            ((ObjectNode) parent.get("M")).remove(name);
        }
    }

    private static JsonNode parent(ObjectNode item, DocumentPath path) {
        DocumentPath parentPath = new DocumentPath(path.elements().subList(0, path.elements().size() - 1));
        JsonNode parent = parentPath.resolve(item);
        if (parent == null) {
            throw ApiException.validation(INVALID_PATH);
        }
        return parent;
    }

    private static void add(ObjectNode item, DocumentPath path, JsonNode value) {
        String type = AttributeValues.type(value);
        if (!type.equals("N") && !isSetType(type)) {
            throw ApiException.validation("Invalid UpdateExpression: Incorrect operand type for operator or function;"
                    + " operator: ADD, operand type: " + type);
        }
        JsonNode existing = path.resolve(item);
        if (existing == null) {
            setAt(item, path, value);
        } else if (!AttributeValues.type(existing).equals(type)) {
            throw ApiException.validation(WRONG_TYPE);
        } else if (type.equals("N")) {
            setAt(item, path, AttributeValues.numberValue(AttributeValues.number(existing).add(AttributeValues.number(value))));
        } else {
            setAt(item, path, setOf(type, union(existing.get(type), value.get(type))));
        }
    }

    private static void delete(ObjectNode item, DocumentPath path, JsonNode value) {
        String type = AttributeValues.type(value);
        if (!isSetType(type)) {
            throw ApiException.validation("Invalid UpdateExpression: Incorrect operand type for operator or function;"
                    + " operator: DELETE, operand type: " + type);
        }
        JsonNode existing = path.resolve(item);
        if (existing == null) {
            return;
        }
        if (!AttributeValues.type(existing).equals(type)) {
            throw ApiException.validation(WRONG_TYPE);
        }
        ArrayNode remaining = difference(existing.get(type), value.get(type));
        if (remaining.isEmpty()) {
            removeAt(item, path);
        } else {
            setAt(item, path, setOf(type, remaining));
        }
    }

    private static boolean isSetType(String type) {
        return type.equals("SS") || type.equals("NS") || type.equals("BS");
    }

    private static ArrayNode union(JsonNode existing, JsonNode added) {
        Set<JsonNode> members = new LinkedHashSet<>();
        existing.forEach(members::add);
        added.forEach(members::add);
        ArrayNode union = JsonNodeFactory.instance.arrayNode();
        members.forEach(union::add);
        return union;
    }

    private static ArrayNode difference(JsonNode existing, JsonNode removed) {
        Set<JsonNode> gone = new HashSet<>();
        removed.forEach(gone::add);
        ArrayNode remaining = JsonNodeFactory.instance.arrayNode();
        for (JsonNode member : existing) {
            if (!gone.contains(member)) {
                remaining.add(member);
            }
        }
        return remaining;
    }

    private static ObjectNode setOf(String type, ArrayNode members) {
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        set.set(type, members);
        return set;
    }

    /** Collects actions while the parser reads them, refusing repeated sections and overlapping paths. */
    static final class Builder {

        private final String kind;
        private final List<Action> actions = new ArrayList<>();
        private final Set<String> sections = new HashSet<>();
        private String section;

        Builder(String kind) {
            this.kind = kind;
        }

        void startSection(String name) {
            if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(name)) {
                throw ApiException.validation("Invalid " + kind + ": Syntax error; token: \"" + name + "\"");
            }
            if (!sections.add(name)) {
                throw ApiException.validation("Invalid " + kind + ": The \"" + name
                        + "\" section can only be used once in an update expression;");
            }
            section = name;
        }

        void set(DocumentPath path, Operand value) {
            addAction(new Action("SET", path, value));
        }

        void remove(DocumentPath path) {
            addAction(new Action("REMOVE", path, null));
        }

        void add(DocumentPath path, Operand value) {
            addAction(new Action("ADD", path, value));
        }

        void delete(DocumentPath path, Operand value) {
            addAction(new Action("DELETE", path, value));
        }

        private void addAction(Action action) {
            for (Action earlier : actions) {
                if (earlier.path().overlaps(action.path())) {
                    throw ApiException.validation("Invalid " + kind + ": Two document paths overlap with each other;"
                            + " must remove or rewrite one of these paths; path one: " + earlier.path() + ", path two: "
                            + action.path());
                }
            }
            actions.add(action);
        }

        UpdateExpression build() {
            if (section == null) {
                throw ApiException.validation("Invalid " + kind + ": The expression can not be empty;");
            }
            List<Action> ordered = new ArrayList<>(actions);
            // Removing list elements from the highest index down keeps the indexes the client wrote valid.
            ordered.sort(Comparator.comparing((Action a) -> a.section().equals("REMOVE"))
                    .thenComparing(Builder::removalOrder));
            return new UpdateExpression(List.copyOf(ordered));
        }

        private static int removalOrder(Action action) {
            Object last = action.path().elements().get(action.path().elements().size() - 1);
            return action.section().equals("REMOVE") && last instanceof Integer index ? -index : 0;
        }
    }
}
