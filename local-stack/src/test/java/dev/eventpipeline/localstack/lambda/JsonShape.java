package dev.eventpipeline.localstack.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The field paths of a JSON document, to compare a payload built here with the recorded AWS fixtures in
 * {@code infra/events}: values and the members of request-dependent maps (headers, claims, item attributes) are left
 * out, array elements are all {@code []}.
 */
final class JsonShape {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonShape() {
    }

    static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(Files.readString(Path.of("..", "infra", "events", name)));
    }

    static Set<String> of(JsonNode document, Set<String> opaqueMaps) {
        Set<String> paths = new TreeSet<>();
        collect(document, "", opaqueMaps, paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, Set<String> opaqueMaps, Set<String> paths) {
        if (node.isObject() && !opaqueMaps.contains(path)) {
            node.fields().forEachRemaining(field -> {
                String child = path + "/" + field.getKey();
                paths.add(child);
                collect(field.getValue(), child, opaqueMaps, paths);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, path + "[]", opaqueMaps, paths));
        }
    }
}
