package dev.ferry.exporter.objects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The objects present at one pass, by bucket and key: what the next pass's change detection, the freeze guard and the
 * delta's catalog.jsonl are made from. Held in memory (a few hundred bytes per object: 100 000 objects take some 40 MB);
 * written only into the encrypted bundle or the exporter's sealed state, never to disk in clear. Thread-safe.
 */
public final class ObjectCatalog {
    private final Map<String, Map<String, CatalogEntry>> buckets = new ConcurrentHashMap<>();

    public void put(CatalogEntry entry) {
        buckets.computeIfAbsent(entry.bucket(), b -> new ConcurrentHashMap<>()).put(entry.key(), entry);
    }

    /** The entry of that object, or null. */
    public CatalogEntry get(String bucket, String key) {
        Map<String, CatalogEntry> objects = buckets.get(bucket);
        return objects == null ? null : objects.get(key);
    }

    public boolean contains(String bucket, String key) {
        return get(bucket, key) != null;
    }

    /** The buckets that hold at least one object, sorted. */
    public List<String> bucketNames() {
        return List.copyOf(new TreeSet<>(buckets.keySet()));
    }

    public long size() {
        return buckets.values().stream().mapToLong(Map::size).sum();
    }

    public long bytes() {
        return buckets.values().stream().flatMap(m -> m.values().stream()).mapToLong(CatalogEntry::size).sum();
    }

    /** Every entry, by bucket then key (UTF-16 order, as Java sorts strings): a stable order for the files written. */
    public void forEachSorted(Consumer<CatalogEntry> each) {
        for (String bucket : bucketNames()) {
            List<CatalogEntry> entries = new ArrayList<>(buckets.get(bucket).values());
            entries.sort(Comparator.comparing(CatalogEntry::key));
            entries.forEach(each);
        }
    }

    /** The entries of {@code this} that {@code now} no longer holds, sorted: the deletions since this catalog. */
    public List<CatalogEntry> missingFrom(ObjectCatalog now) {
        List<CatalogEntry> gone = new ArrayList<>();
        forEachSorted(e -> {
            if (!now.contains(e.bucket(), e.key())) {
                gone.add(e);
            }
        });
        return gone;
    }
}
