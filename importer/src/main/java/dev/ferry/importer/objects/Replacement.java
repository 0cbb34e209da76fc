package dev.ferry.importer.objects;

import dev.ferry.archive.read.IndexEntry;
import dev.ferry.common.MismatchException;
import dev.ferry.importer.config.ObjectsTarget;
import dev.ferry.importer.delta.BaseLoad;
import dev.ferry.stores.objects.ObjectStoreClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A full bundle loaded over an earlier load: its objects are uploaded as usual (an object already there with the same
 * SHA-256 is skipped, a different one replaced), and the objects that the earlier load wrote and this bundle no longer
 * carries (the Source deleted them) are deleted. Objects the Target has that no load wrote are not touched. Before
 * anything is written, every object the earlier load wrote must still be there with its size, or the Target moved.
 */
final class Replacement {
    private final BaseLoad base;
    private final LoadedObjects earlier;
    /** target bucket → key hashes this bundle carries */
    private final Map<String, Set<String>> carried = new HashMap<>();

    Replacement(BaseLoad base, List<IndexEntry> index, LoadedObjects earlier, ObjectsTarget target) {
        this.base = base;
        this.earlier = earlier;
        for (IndexEntry e : index) {
            carried.computeIfAbsent(target.targetBucket(ObjectsLoader.sourceBucket(e)), b -> new HashSet<>())
                    .add(LoadedObjects.keyHash(ObjectsLoader.objectKey(e)));
        }
    }

    /**
     * Counts what the load will add and delete, and refuses a Target that moved. {@code resumed}: a run of this load
     * started writing already (it may have deleted some), so the moved check, passed before that run wrote, is skipped.
     */
    void check(ObjectStoreClient s3, Map<String, Long> counts, boolean resumed) {
        long added = carried.values().stream().mapToLong(Set::size).sum();
        long present = 0;
        long toDelete = 0;
        List<String> moved = new ArrayList<>();
        long movedCount = 0;
        Set<String> buckets = new TreeSet<>(carried.keySet());
        buckets.addAll(earlier.byBucket().keySet());
        for (String bucket : buckets) {
            Map<String, Long> wrote = earlier.byBucket().getOrDefault(bucket, Map.of());
            Set<String> carriedHere = carried.getOrDefault(bucket, Set.of());
            Map<String, Long> found = new HashMap<>();
            if (s3.bucketExists(bucket)) {
                s3.list(bucket, o -> found.put(LoadedObjects.keyHash(o.key()), o.size()));
            }
            for (String h : carriedHere) {
                if (found.containsKey(h)) {
                    present++;
                }
            }
            for (Map.Entry<String, Long> w : wrote.entrySet()) {
                Long size = found.get(w.getKey());
                if (size != null && !carriedHere.contains(w.getKey())) {
                    toDelete++;
                }
                if (!resumed && (size == null || size.longValue() != w.getValue())) {
                    movedCount++;
                    if (moved.size() < 20) {
                        moved.add("bucket " + bucket + ": object #" + w.getKey().substring(0, 12) + (size == null ? " missing"
                                : " has " + size + " bytes, not " + w.getValue()));
                    }
                }
            }
        }
        if (movedCount > 0) {
            throw new MismatchException("the Target's object storage changed since bundle " + base.bundleId() + " was loaded: "
                    + movedCount + " object(s) that load wrote are missing or differ (" + String.join("; ", moved)
                    + (movedCount > moved.size() ? "; …" : "") + ")",
                    "find out who wrote to the Target buckets; restore them (or load this bundle onto a fresh Target); nothing was written");
        }
        counts.put("objects:added", added - present);
        counts.put("objects:present", present);
        counts.put("objects:deleted", toDelete);
    }

    /** Deletes what the earlier load wrote and this bundle lacks; deleting again after a crash is harmless. */
    long deleteLeftovers(ObjectStoreClient s3) {
        long deleted = 0;
        for (Map.Entry<String, Map<String, Long>> b : earlier.byBucket().entrySet()) {
            String bucket = b.getKey();
            if (!s3.bucketExists(bucket)) {
                continue;
            }
            Set<String> carriedHere = carried.getOrDefault(bucket, Set.of());
            List<String> leftovers = new ArrayList<>();
            s3.list(bucket, o -> {
                String h = LoadedObjects.keyHash(o.key());
                if (b.getValue().containsKey(h) && !carriedHere.contains(h)) {
                    leftovers.add(o.key());
                }
            });
            for (String key : leftovers) {
                s3.remove(bucket, key);
                deleted++;
            }
        }
        return deleted;
    }
}
