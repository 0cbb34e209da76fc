package dev.ferry.importer.objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.read.BundleEntry;
import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.ConfigException;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.importer.config.ObjectsTarget;
import dev.ferry.importer.delta.BaseLoad;
import dev.ferry.importer.journal.Journal;
import dev.ferry.cli.Progress;
import dev.ferry.importer.load.StoreLoader;
import dev.ferry.importer.load.StoreOutcome;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.objects.ObjectEntries;
import dev.ferry.stores.objects.BucketListings;
import dev.ferry.stores.objects.ObjectStoreClient;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Puts every carried object into its (mapped) bucket under the same key, content type and user metadata (runbook
 * §1.4). Up to {@code concurrency} objects are in flight at once: small ones read off the bundle into a bounded
 * buffer budget and uploaded on a pool while the lanes read on, large ones streamed from the bundle to the server, so
 * a 5 GiB object costs one part buffer, not 5 GiB. An object already present with the same SHA-256 is skipped; every
 * write is checked against the ETag the server must answer (read back and hashed when the server's ETag is not an MD5).
 */
public final class ObjectsLoader implements StoreLoader {
    private static final StoreKind STORE = StoreKind.OBJECTS;

    private final ObjectsTarget target;
    /** The earlier load a delta builds on; null for a full bundle. */
    private final BaseLoad base;

    public ObjectsLoader(ObjectsTarget target) {
        this(target, null);
    }

    public ObjectsLoader(ObjectsTarget target, BaseLoad base) {
        this.target = target;
        this.base = base;
    }

    @Override
    public StoreKind store() {
        return STORE;
    }

    static String sourceBucket(IndexEntry e) {
        return e.metadata().path(ObjectEntries.BUCKET).asText();
    }

    static String objectKey(IndexEntry e) {
        return e.metadata().path(ObjectEntries.KEY).asText();
    }

    private List<IndexEntry> objects(VerifiedBundle bundle) {
        List<IndexEntry> objects = bundle.index(STORE.label()).stream().filter(e -> ObjectEntries.isObject(e.path())).toList();
        BucketMerges.refuseOverwrites(objects, target::targetBucket);
        return objects;
    }

    @Override
    public StoreOutcome check(VerifiedBundle bundle, Journal journal) {
        List<IndexEntry> index = objects(bundle);
        ObjectStoreClient s3 = new ObjectStoreClient(target.connection());
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> outputs = new TreeMap<>();
        long present = 0;
        long objects = 0;
        long bytes = 0;
        Set<String> checkedBuckets = new LinkedHashSet<>();
        // A delta's check lists every Target bucket of the freeze catalog anyway (the Target-moved check): the carried
        // objects' sizes come from those listings, not from one round trip each.
        BucketListings listed = base != null && base.forDelta() ? catalogListings(bundle, s3) : null;
        for (IndexEntry e : index) {
            objects++;
            bytes += e.size();
            String bucket = target.targetBucket(sourceBucket(e));
            if (checkedBuckets.add(bucket)) {
                outputs.put("bucket " + bucket, s3.bucketExists(bucket) ? "exists" : "will be created");
            }
            if (journal.objectDone(e.path(), e.sha256())) {
                present++;
            } else if (outputs.get("bucket " + bucket).equals("exists")) {
                OptionalLong size = listed == null ? s3.size(bucket, objectKey(e)) : sizeListed(listed, bucket, objectKey(e));
                if (size.isPresent() && size.getAsLong() == e.size()) {
                    present++;
                }
            }
        }
        counts.put(CountNames.OBJECTS, objects);
        counts.put(CountNames.BYTES, bytes);
        counts.put("objects:present-same-size", present);
        if (listed != null) {
            checkDelta(bundle, index, listed, counts);
        } else if (base != null) {
            replacing(index, journal).check(s3, counts, journal.step(STORE.label()).isPresent());
        }
        return new StoreOutcome(STORE, StoreOutcome.Status.PLANNED, counts, outputs, List.of());
    }

    @Override
    public StoreOutcome load(VerifiedBundle bundle, Journal journal, Progress progress) {
        List<IndexEntry> index = objects(bundle);
        ObjectStoreClient s3 = new ObjectStoreClient(target.connection());
        long totalBytes = 0;
        Set<String> buckets = new LinkedHashSet<>();
        for (IndexEntry e : index) {
            totalBytes += e.size();
            buckets.add(target.targetBucket(sourceBucket(e)));
        }
        List<String> created = new ArrayList<>();
        for (String b : buckets) {
            if (!s3.bucketExists(b)) {
                s3.makeBucket(b);
                created.add(b);
            }
        }
        Replacement replacement = base != null && !base.forDelta() ? replacing(index, journal) : null;
        if (replacement != null) {
            replacement.check(s3, new LinkedHashMap<>(), journal.step(STORE.label()).isPresent());
        }
        journal.started(STORE.label(), Map.of("buckets", Integer.toString(buckets.size())));
        LoadedObjects catalog = new LoadedObjects();
        // A bucket this run created held nothing before it: its objects need no "already there?" round trip. On
        // --resume the bucket exists, so every object not in the journal is looked up again.
        Set<String> emptyAtStart = Set.copyOf(created);
        AtomicLong written = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong replaced = new AtomicLong();
        AtomicLong bytesWritten = new AtomicLong();
        AtomicLong deleted = new AtomicLong();
        try (Progress.Task task = progress.start(STORE.label(), CountNames.OBJECTS, totalBytes, "bytes");
                UploadPool uploads = new UploadPool(target.concurrency(), MEMORY_BUDGET)) {
            Consumer<ObjectUpload> finished = u -> {
                switch (u.outcome()) {
                    case WRITTEN -> {
                        written.incrementAndGet();
                        bytesWritten.addAndGet(u.size());
                    }
                    case REPLACED -> {
                        replaced.incrementAndGet();
                        bytesWritten.addAndGet(u.size());
                    }
                    case SKIPPED -> skipped.incrementAndGet();
                }
                task.advance(u.size());
            };
            bundle.read(STORE.label(), target.concurrency(), entry -> {
                if (base != null && base.forDelta() && entry.path().equals(ObjectEntries.CATALOG)) {
                    // What the Target holds after this delta, kept for a full bundle loaded over it later.
                    FreezeCatalog.lines(entry, line -> catalog.add(target.targetBucket(line.bucket()), line.key(), line.size()));
                    return;
                }
                if (base != null && entry.path().equals(ObjectEntries.DELETED)) {
                    // Deleting an absent object succeeds, so a resumed load deletes again without harm.
                    FreezeCatalog.lines(entry, line -> {
                        s3.remove(target.targetBucket(line.bucket()), line.key());
                        deleted.incrementAndGet();
                    });
                    return;
                }
                if (!ObjectEntries.isObject(entry.path())) {
                    return;
                }
                if (journal.objectDone(entry.path(), entry.sha256())) {
                    finished.accept(new ObjectUpload(entry.size(), Outcome.SKIPPED));
                    return;
                }
                ObjectTarget to = new ObjectTarget(entry, target.targetBucket(entry.metadata().path(ObjectEntries.BUCKET).asText()));
                // A key ending in "/" is a directory marker, which filesystem-backed servers (S3Proxy, MinIO in FS
                // mode) store as a directory: they refuse to write one that a deeper key's upload already made. So a
                // marker is looked up first, and written in the lane's (key) order, before the keys under it.
                boolean marker = to.key().endsWith("/");
                boolean mayExist = marker || !emptyAtStart.contains(to.bucket());
                if (!marker && entry.size() <= uploads.maxBuffered()) {
                    // Small objects (most of them) are read off the lane at once, so the lane goes on decrypting
                    // while up to `concurrency` of them are uploaded.
                    int size = (int) entry.size();
                    uploads.reserve(size);
                    byte[] bytes;
                    try (InputStream in = entry.open()) {
                        bytes = in.readNBytes(size);
                    } catch (RuntimeException | java.io.IOException e) {
                        uploads.free(size);
                        throw e;
                    }
                    uploads.submit(size, () -> finished.accept(loadOne(s3, journal, to, mayExist,
                            () -> new java.io.ByteArrayInputStream(bytes))));
                } else {
                    uploads.runHere(() -> finished.accept(loadOne(s3, journal, to, mayExist, entry::open)));
                }
            });
            uploads.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("the object upload was interrupted", "re-run with --resume to continue after the last uploaded object", e);
        }
        if (replacement != null) {
            deleted.set(replacement.deleteLeftovers(s3));
        }
        (base != null && base.forDelta() ? catalog : carried(index)).write(journal.file().getParent(), bundle.manifest().bundleId());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("objects:written", written.get());
        counts.put("objects:replaced", replaced.get());
        counts.put("objects:skipped", skipped.get());
        counts.put("bytes:written", bytesWritten.get());
        if (base != null) {
            counts.put("objects:deleted", deleted.get());
        }
        Map<String, String> details = new LinkedHashMap<>();
        counts.forEach((k, v) -> details.put(k, Long.toString(v)));
        journal.done(STORE.label(), details);
        Map<String, String> outputs = new LinkedHashMap<>();
        if (!created.isEmpty()) {
            outputs.put("bucketsCreated", String.join(", ", created));
        }
        return new StoreOutcome(STORE, StoreOutcome.Status.LOADED, counts, outputs, List.of());
    }

    /**
     * A delta: counts what it adds, changes and deletes, and checks that the Target still holds what the earlier loads
     * left: every object of the freeze catalog that this delta does not carry (so unchanged since the base) must be in
     * its Target bucket with the catalog's size. Deleted objects may or may not be there yet (a resumed load).
     */
    private void checkDelta(VerifiedBundle bundle, List<IndexEntry> carriedEntries, BucketListings listed, Map<String, Long> counts) {
        long added = carriedEntries.stream().filter(e -> "added".equals(e.metadata().path(ObjectEntries.CHANGE).asText())).count();
        counts.put("objects:added", added);
        counts.put("objects:changed", carriedEntries.size() - added);
        Set<String> carried = new java.util.HashSet<>();
        carriedEntries.forEach(e -> carried.add(sourceBucket(e) + "\u0000" + objectKey(e)));
        long[] n = new long[3]; // unchanged, missing or resized, deleted
        List<String> moved = new ArrayList<>();
        FreezeCatalog.read(bundle, line -> {
            if (carried.contains(line.bucket() + "\u0000" + line.key())) {
                return;
            }
            n[0]++;
            String bucket = target.targetBucket(line.bucket());
            OptionalLong listedSize = sizeListed(listed, bucket, line.key());
            Long size = listedSize.isPresent() ? listedSize.getAsLong() : null;
            if (size == null || size != line.size()) {
                n[1]++;
                if (moved.size() < 20) {
                    // Keys are document file names: the refusal names the bucket and a short hash of the key only.
                    moved.add("bucket " + bucket + ": object #" + shortHash(line.key()) + (size == null ? " missing" : " has "
                            + size + " bytes, not " + line.size()));
                }
            }
        }, line -> n[2]++);
        counts.put("objects:deleted", n[2]);
        counts.put("objects:unchanged", n[0]);
        if (n[1] > 0) {
            throw new MismatchException("the Target's object storage changed since bundle " + base.bundleId() + " was loaded: " + n[1]
                    + " object(s) that the Source did not change are missing or differ on the Target (" + String.join("; ", moved)
                    + (n[1] > moved.size() ? "; …" : "") + ")",
                    "find out who wrote to the Target buckets; restore them (or load the full bundles onto a fresh Target), "
                            + "then load this delta again; nothing was written");
        }
    }

    /** The object's size in a listing of its bucket (listed once, on first use); empty when it or the bucket is absent. */
    private static OptionalLong sizeListed(BucketListings listed, String bucket, String key) {
        return listed.stat(bucket, key).map(o -> OptionalLong.of(o.size())).orElse(OptionalLong.empty());
    }

    /**
     * The Target buckets of the freeze catalog, to be listed on first use, each in up to {@code concurrency} ranges split
     * at a sample of the catalog's keys (a pass over the bundle's small catalog, to spare a long chain of pages).
     */
    private BucketListings catalogListings(VerifiedBundle bundle, ObjectStoreClient s3) {
        BucketListings listings = new BucketListings(s3, target.concurrency());
        FreezeCatalog.read(bundle, line -> listings.expect(target.targetBucket(line.bucket()), line.key()), line -> { });
        return listings;
    }

    /** What a full load leaves in the Target buckets (a delta's is its freeze catalog), for a full bundle loaded over it. */
    private LoadedObjects carried(List<IndexEntry> index) {
        LoadedObjects loaded = new LoadedObjects();
        index.forEach(e -> loaded.add(target.targetBucket(sourceBucket(e)), objectKey(e), e.size()));
        return loaded;
    }

    private Replacement replacing(List<IndexEntry> index, Journal journal) {
        if (!base.has("load." + STORE.label())) {
            return new Replacement(base, index, new LoadedObjects(), target);
        }
        LoadedObjects earlier = LoadedObjects.read(journal.file().getParent(), base.bundleId()).orElseThrow(() -> new ConfigException(
                "the load of bundle " + base.bundleId() + " into this Target recorded no list of the objects it wrote (a Ferry before "
                        + "that list loaded it), so the objects that bundle " + base.bundleId() + " carried and this one lacks are unknown",
                "load this bundle onto a fresh Target, or load it with --stores keycloak,openfga,postgres and delete the objects "
                        + "the Source deleted by hand; nothing was written"));
        return new Replacement(base, index, earlier, target);
    }

    /** The first 12 hex digits of the key's SHA-256: names an object in a message without its file name. */
    public static String shortHash(String key) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes of small objects held in memory at once, waiting for or in their upload. */
    static final int MEMORY_BUDGET = 64 * 1024 * 1024;

    private enum Outcome { WRITTEN, REPLACED, SKIPPED }

    private record ObjectUpload(long size, Outcome outcome) {
    }

    /** Where an entry goes, and what it carries, read from its index record. */
    private record ObjectTarget(String entryPath, String sha256, long size, String bucket, String key, String contentType,
            Map<String, String> userMetadata) {
        ObjectTarget(BundleEntry entry, String bucket) {
            this(entry.path(), entry.sha256(), entry.size(), bucket, entry.metadata().path(ObjectEntries.KEY).asText(),
                    entry.metadata().path(ObjectEntries.CONTENT_TYPE).asText(null), userMetadata(entry.metadata()));
        }

        private static Map<String, String> userMetadata(JsonNode meta) {
            Map<String, String> m = new LinkedHashMap<>();
            meta.path(ObjectEntries.USER_METADATA).fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
            return m;
        }
    }

    private interface Body {
        InputStream open() throws java.io.IOException;
    }

    private ObjectUpload loadOne(ObjectStoreClient s3, Journal journal, ObjectTarget o, boolean mayExist, Body body) throws Exception {
        OptionalLong existing = mayExist ? s3.size(o.bucket(), o.key()) : OptionalLong.empty();
        if (existing.isPresent() && existing.getAsLong() == o.size() && s3.sha256(o.bucket(), o.key()).equals(o.sha256())) {
            journal.objectFinished(o.entryPath(), o.sha256());
            return new ObjectUpload(o.size(), Outcome.SKIPPED);
        }
        String etag;
        PartDigests digests;
        try (InputStream in = body.open()) {
            digests = new PartDigests(in, ObjectStoreClient.PART_SIZE);
            etag = s3.put(o.bucket(), o.key(), digests, o.size(), o.contentType(), o.userMetadata());
        }
        if (digests.bytesRead() != o.size()) {
            throw new MismatchException("object entry " + o.entryPath() + " streamed " + digests.bytesRead() + " bytes, the bundle says " + o.size(),
                    "the bundle medium may be failing: copy the bundle again and re-run with --resume");
        }
        if (!etag.equalsIgnoreCase(digests.expectedEtag(o.size())) && !s3.sha256(o.bucket(), o.key()).equals(o.sha256())) {
            throw new MismatchException("object entry " + o.entryPath() + " was stored in bucket " + o.bucket() + " with different content",
                    "check the object storage's health, then re-run with --resume to upload it again");
        }
        journal.objectFinished(o.entryPath(), o.sha256());
        return new ObjectUpload(o.size(), existing.isEmpty() ? Outcome.WRITTEN : Outcome.REPLACED);
    }
}
