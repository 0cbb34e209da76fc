package dev.ferry.importer.objects;

import dev.ferry.archive.read.IndexEntry;
import dev.ferry.common.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Refuses a bucket map that would let one document overwrite another. objects.bucketMap may send several Source
 * buckets to one Target bucket, but only if no object key occurs in two of them; otherwise the later upload would
 * silently replace the earlier one. Keys are document names, so the refusal counts them and does not print them.
 */
final class BucketMerges {
    private BucketMerges() {
    }

    /** Throws a {@link ConfigException} naming the buckets if two Source buckets would write one Target key. */
    static void refuseOverwrites(List<IndexEntry> objects, UnaryOperator<String> targetBucket) {
        Map<String, Set<String>> sourcesByTarget = new TreeMap<>();
        for (IndexEntry e : objects) {
            String source = ObjectsLoader.sourceBucket(e);
            sourcesByTarget.computeIfAbsent(targetBucket.apply(source), t -> new TreeSet<>()).add(source);
        }
        sourcesByTarget.values().removeIf(sources -> sources.size() < 2);
        if (sourcesByTarget.isEmpty()) {
            return;
        }
        // Only merged Target buckets are tracked: Target bucket → key → the Source bucket that first claimed it.
        Map<String, Map<String, String>> claimed = new HashMap<>();
        Map<String, Long> clashes = new TreeMap<>();
        for (IndexEntry e : objects) {
            String source = ObjectsLoader.sourceBucket(e);
            String target = targetBucket.apply(source);
            if (!sourcesByTarget.containsKey(target)) {
                continue;
            }
            String first = claimed.computeIfAbsent(target, t -> new HashMap<>()).putIfAbsent(ObjectsLoader.objectKey(e), source);
            if (first != null && !first.equals(source)) {
                clashes.merge("Source buckets '" + first + "' and '" + source + "' both hold", 1L, Long::sum);
            }
        }
        if (clashes.isEmpty()) {
            return;
        }
        StringBuilder problem = new StringBuilder("objects.bucketMap sends several Source buckets to one Target bucket, and ");
        clashes.forEach((pair, n) -> problem.append(pair).append(' ').append(n).append(" object key(s) of the same name; "));
        problem.append("each such object would overwrite another in ").append(String.join(", ", sourcesByTarget.keySet().stream()
                .map(t -> "'" + t + "'").toList()));
        throw new ConfigException(problem.toString(),
                "map those Source buckets to different Target buckets in target.yaml (objects.bucketMap); the runbook (§1.4) keeps the "
                        + "Source bucket names and updates the application's configuration instead");
    }
}
