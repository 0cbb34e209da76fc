package dev.ferry.exporter.objects;

import dev.ferry.common.StoreException;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.objects.ObjectStoreClient;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Resolves the configured buckets: every name must exist, every prefix must match at least one bucket. A missing or
 * unreadable bucket is an error, never a silent skip.
 */
public final class BucketSelector {
    private BucketSelector() {
    }

    /** The real bucket names, sorted; their position (from 1) is the bucket index in entry paths. */
    public static List<String> resolve(ObjectStoreClient client) {
        ObjectsConfig config = client.config();
        TreeSet<String> selected = new TreeSet<>();
        for (String name : config.buckets().names()) {
            if (!client.bucketExists(name)) {
                throw new StoreException("Object storage at " + config.endpoint() + " has no bucket '" + name
                        + "' (objects.buckets.names)", "Check the name: real bucket names carry a runtime suffix "
                        + "(e.g. kea-knowledge-flow-content-documents); or select buckets by objects.buckets.prefixes.");
            }
            selected.add(name);
        }
        if (!config.buckets().prefixes().isEmpty()) {
            List<String> all = client.bucketNames();
            for (String prefix : config.buckets().prefixes()) {
                List<String> matched = new ArrayList<>();
                for (String b : all) {
                    if (b.startsWith(prefix)) {
                        matched.add(b);
                    }
                }
                if (matched.isEmpty()) {
                    throw new StoreException("Object storage at " + config.endpoint() + " has no bucket starting with '"
                            + prefix + "' (objects.buckets.prefixes)", "Check the prefix against 'mc ls' on the Source.");
                }
                selected.addAll(matched);
            }
        }
        return List.copyOf(selected);
    }
}
