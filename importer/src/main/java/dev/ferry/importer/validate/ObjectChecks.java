package dev.ferry.importer.validate;

import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.objects.ObjectEntries;
import dev.ferry.stores.objects.ObjectStoreClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Runbook §1.6 for object storage: every object the bundle carries is in its (mapped) Target bucket under the same key,
 * with the same size and SHA-256, hashed as it streams. An object is named by its Target bucket and bundle entry path,
 * never by its key: keys hold document file names, and this report may be read by people who should not see them.
 */
final class ObjectChecks {
    static final String STORE = StoreKind.OBJECTS.label();

    private final VerifiedBundle bundle;
    private final ObjectStoreClient target;
    private final UnaryOperator<String> bucketMap;
    private final int concurrency;

    private final HashedObjects hashed;

    ObjectChecks(VerifiedBundle bundle, ObjectStoreClient target, UnaryOperator<String> bucketMap, int concurrency) {
        this(bundle, target, bucketMap, concurrency, HashedObjects.open(null));
    }

    /** As above, recording every object hashed equal in {@code hashed}, for a later validate after a delta. */
    ObjectChecks(VerifiedBundle bundle, ObjectStoreClient target, UnaryOperator<String> bucketMap, int concurrency, HashedObjects hashed) {
        this.hashed = hashed;
        this.bundle = bundle;
        this.target = target;
        this.bucketMap = bucketMap;
        this.concurrency = Math.max(1, concurrency);
    }

    void run(Checklist checklist, Map<String, Long> actualCounts) {
        List<IndexEntry> objects = bundle.index(STORE).stream().filter(e -> ObjectEntries.isObject(e.path())).toList();
        long expectedBytes = objects.stream().mapToLong(IndexEntry::size).sum();
        checklist.run("objects.content", STORE, "Every object present with the same size and SHA-256", () -> {
            Differences d = new Differences();
            long[] found = {0, 0};
            ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
                Thread t = new Thread(r, "ferry-validate-objects");
                t.setDaemon(true);
                return t;
            });
            try {
                // Windows of futures keep memory flat however many objects there are.
                for (int from = 0; from < objects.size(); from += concurrency * 8) {
                    List<CompletableFuture<String>> window = new ArrayList<>();
                    for (IndexEntry e : objects.subList(from, Math.min(objects.size(), from + concurrency * 8))) {
                        window.add(CompletableFuture.supplyAsync(() -> compare(e), pool));
                    }
                    for (int i = 0; i < window.size(); i++) {
                        String problem = Futures.join(window.get(i));
                        if (problem == null) {
                            found[0]++;
                            found[1] += objects.get(from + i).size();
                        } else {
                            d.add(problem);
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            actualCounts.put(CountNames.OBJECTS, found[0]);
            actualCounts.put(CountNames.BYTES, found[1]);
            return Outcome.of(objects.size() + " objects, " + expectedBytes + " bytes",
                    found[0] + " identical, " + found[1] + " bytes", d);
        });
    }

    /** Null when the Target object equals the bundle's, else the difference. */
    private String compare(IndexEntry e) {
        String bucket = bucketMap.apply(e.metadata().path(ObjectEntries.BUCKET).asText());
        String key = e.metadata().path(ObjectEntries.KEY).asText();
        String name = "object " + e.path() + " in bucket " + bucket;
        var stat = target.stat(bucket, key);
        if (stat.isEmpty()) {
            return name + " is missing on the Target";
        }
        if (stat.get().size() != e.size()) {
            return name + ": size " + stat.get().size() + " bytes on the Target, " + e.size() + " in the bundle";
        }
        String sha = target.sha256(bucket, key);
        if (!sha.equals(e.sha256())) {
            return name + ": SHA-256 differs (bundle " + e.sha256() + ", Target " + sha + ")";
        }
        hashed.record(bucket, key, e.size(), sha, stat.get().etag());
        return null;
    }

}
