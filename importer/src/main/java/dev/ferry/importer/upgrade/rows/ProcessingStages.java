package dev.ferry.importer.upgrade.rows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.upgrade.Json;
import java.util.List;

/**
 * swift re-runs a document's vector and SQL extraction on its own index and tables, so both stages start over
 * (docs/reference/fred-stores.md §2.1, §5.4): {@code doc.processing.stages.vector} and {@code .sql} become {@code not_started} where
 * present. Absent stages stay absent and every other stage, {@code preview} included, is left alone.
 */
public final class ProcessingStages {
    static final List<String> RESET = List.of("vector", "sql");
    static final String NOT_STARTED = "not_started";

    private ProcessingStages() {
    }

    /** The metadata {@code doc} with the stages reset, as JSON text; null stays null. */
    public static String reset(Object doc) {
        JsonNode tree = Json.tree(doc);
        if (tree == null) {
            return null;
        }
        JsonNode copy = tree.deepCopy();
        JsonNode stages = copy.path("processing").path("stages");
        if (stages instanceof ObjectNode s) {
            for (String stage : RESET) {
                if (s.has(stage)) {
                    s.put(stage, NOT_STARTED);
                }
            }
        }
        return Json.text(copy);
    }
}
