package dev.ferry.importer.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.archive.read.BundleEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.objects.ObjectEntries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A delta's two lists of the store "objects" (docs/bundle-contents.md): catalog.jsonl, every object the Source held at
 * the freeze with its size, ETag and SHA-256, and deleted.jsonl, what the base held and the Source no longer does.
 * Streamed line by line; the keys they hold are document file names and are never logged.
 */
public final class FreezeCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One object of the freeze catalog; {@code sha256} may be null for a line without one. */
    public record Line(String bucket, String key, long size, String etag, String sha256) {
    }

    private FreezeCatalog() {
    }

    /** Whether the entry is the catalog or the deletions list. */
    public static boolean isList(String path) {
        return path.equals(ObjectEntries.CATALOG) || path.equals(ObjectEntries.DELETED);
    }

    /** Streams the lines of a catalog.jsonl or deleted.jsonl entry (deleted lines have size -1 and no hashes). */
    public static void lines(BundleEntry entry, Consumer<Line> each) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(entry.open(), StandardCharsets.UTF_8));
        for (String text = r.readLine(); text != null; text = r.readLine()) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(text);
            each.accept(new Line(n.path("bucket").asText(), n.path("key").asText(), n.path("size").asLong(-1),
                    n.path("etag").asText(null), n.path("sha256").asText(null)));
        }
    }

    /** Reads the bundle's catalog.jsonl and deleted.jsonl (the object entries stream past unread). */
    public static void read(VerifiedBundle bundle, Consumer<Line> catalog, Consumer<Line> deleted) {
        bundle.read(StoreKind.OBJECTS.label(), 1, entry -> {
            if (entry.path().equals(ObjectEntries.CATALOG)) {
                lines(entry, catalog);
            } else if (entry.path().equals(ObjectEntries.DELETED)) {
                lines(entry, deleted);
            }
        });
    }
}
