package dev.ferry.importer.validate;

import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.importer.objects.FreezeCatalog;
import dev.ferry.stores.CountNames;
import dev.ferry.stores.objects.BucketListings;
import dev.ferry.stores.objects.ObjectEntries;
import dev.ferry.stores.objects.ObjectStoreClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * Runbook §1.6 for object storage after a delta: the Target equals the Source's freeze state, i.e. every object of
 * the delta's freeze catalog (including those the base carried and the delta did not) is in its Target bucket with
 * the catalog's size and SHA-256, and no object the Source deleted is left. So that the check's cost grows with the
 * changes and not with the deployment, an object that an earlier validate hashed (see {@link HashedObjects}), that
 * the delta did not carry, and whose size and Target ETag are still those recorded then is checked by size and ETag
 * only ("fast"); every other object is hashed. {@code --deep} hashes every object. Objects are named by Target bucket
 * and a short hash of the key, never by key.
 */
final class FreezeObjectChecks {
    static final String STORE = ObjectChecks.STORE;

    private final VerifiedBundle bundle;
    private final ObjectStoreClient target;
    private final BucketListings listing;
    private final UnaryOperator<String> bucketMap;
    private final int concurrency;
    private final HashedObjects hashed;
    private final boolean deep;
    /** The freeze catalog and the deletions, read off the bundle once (the whole objects lane streams by). */
    private Catalog read;

    /** @param listing the Target buckets as listed once, for the size and ETag of every catalog object */
    FreezeObjectChecks(VerifiedBundle bundle, ObjectStoreClient target, BucketListings listing, UnaryOperator<String> bucketMap,
            int concurrency, HashedObjects hashed, boolean deep) {
        this.bundle = bundle;
        this.target = target;
        this.listing = listing;
        this.bucketMap = bucketMap;
        this.concurrency = Math.max(1, concurrency);
        this.hashed = hashed;
        this.deep = deep;
    }

    /** The first catalog bucket named like the documents bucket ("*-documents"), mapped; null if none. */
    String documentsBucket() {
        return catalog().lines().stream().map(FreezeCatalog.Line::bucket).filter(b -> b.endsWith("-documents")).findFirst()
                .map(bucketMap).orElse(null);
    }

    private record Catalog(List<FreezeCatalog.Line> lines, List<FreezeCatalog.Line> deleted) {
    }

    private Catalog catalog() {
        if (read == null) {
            List<FreezeCatalog.Line> lines = new ArrayList<>();
            List<FreezeCatalog.Line> deleted = new ArrayList<>();
            FreezeCatalog.read(bundle, lines::add, deleted::add);
            read = new Catalog(lines, deleted);
        }
        return read;
    }

    void run(Checklist checklist, Map<String, Long> actualCounts) {
        Set<String> carried = new HashSet<>();
        for (IndexEntry e : bundle.index(STORE)) {
            if (ObjectEntries.isObject(e.path())) {
                carried.add(e.metadata().path(ObjectEntries.BUCKET).asText() + "\u0000" + e.metadata().path(ObjectEntries.KEY).asText());
            }
        }
        List<FreezeCatalog.Line> catalog = catalog().lines();
        List<FreezeCatalog.Line> deleted = catalog().deleted();
        catalog.forEach(line -> listing.expect(bucketMap.apply(line.bucket()), line.key()));
        long expectedBytes = catalog.stream().mapToLong(FreezeCatalog.Line::size).sum();
        String mode = deep ? "deep: every object hashed" : "fast: objects hashed by an earlier validate and not carried since are "
                + "checked by size and Target ETag";
        checklist.run("objects.catalog", STORE, "Every object of the freeze catalog present with the same size and SHA-256 (" + mode + ")", () -> {
            Differences d = new Differences();
            long[] n = {0, 0, 0, 0}; // identical, bytes, hashed, by ETag
            ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
                Thread t = new Thread(r, "ferry-validate-objects");
                t.setDaemon(true);
                return t;
            });
            try {
                for (int from = 0; from < catalog.size(); from += concurrency * 8) {
                    List<FreezeCatalog.Line> slice = catalog.subList(from, Math.min(catalog.size(), from + concurrency * 8));
                    List<CompletableFuture<Result>> window = new ArrayList<>();
                    for (FreezeCatalog.Line line : slice) {
                        boolean mayTrustEtag = !deep && !carried.contains(line.bucket() + "\u0000" + line.key());
                        window.add(CompletableFuture.supplyAsync(() -> compare(line, mayTrustEtag), pool));
                    }
                    for (int i = 0; i < window.size(); i++) {
                        Result r = Futures.join(window.get(i));
                        if (r.problem() == null) {
                            n[0]++;
                            n[1] += slice.get(i).size();
                            n[r.hashed() ? 2 : 3]++;
                        } else {
                            d.add(r.problem());
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            actualCounts.put("catalog", n[0]);
            actualCounts.put("catalog:bytes", n[1]);
            actualCounts.put("catalog:hashed", n[2]);
            actualCounts.put("catalog:by-etag", n[3]);
            return Outcome.of(catalog.size() + " objects, " + expectedBytes + " bytes",
                    n[0] + " identical, " + n[1] + " bytes (" + n[2] + " hashed, " + n[3] + " by size and ETag)", d);
        });
        checklist.run("objects.deleted", STORE, "No object the Source deleted is left on the Target", () -> {
            Differences d = new Differences();
            long gone = 0;
            for (FreezeCatalog.Line line : deleted) {
                String bucket = bucketMap.apply(line.bucket());
                if (listing.stat(bucket, line.key()).isPresent()) {
                    d.add("object #" + shortHash(line.key()) + " in bucket " + bucket + " was deleted on the Source and is still on the Target");
                } else {
                    gone++;
                }
            }
            actualCounts.put("deleted", gone);
            return Outcome.of(deleted.size() + " deleted on the Source", gone + " absent on the Target", d);
        });
        actualCounts.put(CountNames.OBJECTS, (long) carried.size());
    }

    private record Result(String problem, boolean hashed) {
    }

    private Result compare(FreezeCatalog.Line line, boolean mayTrustEtag) {
        String bucket = bucketMap.apply(line.bucket());
        String name = "object #" + shortHash(line.key()) + " in bucket " + bucket;
        var stat = listing.stat(bucket, line.key());
        if (stat.isEmpty()) {
            return new Result(name + " is missing on the Target", true);
        }
        if (stat.get().size() != line.size()) {
            return new Result(name + ": size " + stat.get().size() + " bytes on the Target, " + line.size() + " in the freeze catalog", true);
        }
        HashedObjects.Hashed before = mayTrustEtag ? hashed.get(bucket, line.key()) : null;
        if (before != null && before.size() == line.size() && before.sha256().equals(line.sha256())
                && before.etag().equals(stat.get().etag())) {
            return new Result(null, false);
        }
        String sha = target.sha256(bucket, line.key());
        if (!sha.equals(line.sha256())) {
            return new Result(name + ": SHA-256 differs (freeze catalog " + line.sha256() + ", Target " + sha + ")", true);
        }
        hashed.record(bucket, line.key(), line.size(), sha, stat.get().etag());
        return new Result(null, true);
    }

    static String shortHash(String key) {
        return dev.ferry.importer.objects.ObjectsLoader.shortHash(key);
    }

}
