package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.read.VerifiedBundle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reads the small JSON entries of a verified bundle (realm.json, users.jsonl, tuples.jsonl), streaming the line files. */
final class BundleFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BundleFiles() {
    }

    static boolean has(VerifiedBundle bundle, String store, String path) {
        return bundle.stores().contains(store) && bundle.index(store).stream().anyMatch(e -> e.path().equals(path));
    }

    /** The JSON document of one entry, or a missing node when the bundle has no such entry. */
    static JsonNode json(VerifiedBundle bundle, String store, String path) {
        JsonNode[] found = {JSON.missingNode()};
        if (has(bundle, store, path)) {
            bundle.read(store, 1, entry -> {
                if (entry.path().equals(path)) {
                    found[0] = JSON.readTree(entry.open());
                }
            });
        }
        return found[0];
    }

    /** Calls {@code line} with each JSON object of a JSON-lines entry, one at a time. */
    static void jsonLines(VerifiedBundle bundle, String store, String path, Consumer<JsonNode> line) {
        if (!has(bundle, store, path)) {
            return;
        }
        bundle.read(store, 1, entry -> {
            if (!entry.path().equals(path)) {
                return;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(entry.open(), StandardCharsets.UTF_8))) {
                for (String s = r.readLine(); s != null; s = r.readLine()) {
                    if (!s.isBlank()) {
                        line.accept(JSON.readTree(s));
                    }
                }
            }
        });
    }
}
