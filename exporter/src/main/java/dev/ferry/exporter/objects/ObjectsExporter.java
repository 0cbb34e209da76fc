package dev.ferry.exporter.objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.common.StoreException;
import dev.ferry.cli.Progress;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.io.NonClosingOutputStream;
import dev.ferry.stores.objects.ObjectEntries;
import dev.ferry.stores.objects.ObjectInfo;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.io.HashingOutputStream;
import dev.ferry.exporter.objects.ChangeRule.Verdict;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the store "objects": one entry per object at objects/&lt;bucket-index&gt;/&lt;sequence&gt; (never the key: keys
 * hold document file names), with several objects in flight; then buckets.json. The Source is only read.
 * <p>
 * A full pass carries every listed object. A delta ({@link Since}) carries only the objects that its {@link ChangeRule}
 * finds added or changed since the base's catalog, then catalog.jsonl (every object present now) and deleted.jsonl
 * (what the base held and the Source no longer does). Either way the pass's catalog is kept, for the freeze guard and
 * for the exporter's state, from which the next pass starts.
 * <p>
 * Each object is opened (GET answered) before it takes one of the store's lanes, and twice as many objects are open
 * as there are lanes: a lane then never idles through a server's round trip, which for small objects costs as much
 * as their bytes. The bytes are hashed once, by the bundle (the entry's SHA-256, which the catalog takes).
 */
public final class ObjectsExporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A response opened ahead that waited longer than this for a lane is asked for again: servers drop idle ones. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(30);
    /** Listed objects waiting for a copying thread: two listing pages' worth. */
    private static final int QUEUED = 2000;

    private final ObjectsConfig config;
    private final int parallelism;
    private final long staleNanos;

    public ObjectsExporter(ObjectsConfig config, int parallelism) {
        this(config, parallelism, STALE_AFTER);
    }

    /** With another age after which an opened response is requested again (tests use zero: always). */
    public ObjectsExporter(ObjectsConfig config, int parallelism, Duration staleAfter) {
        this.config = config;
        this.parallelism = Math.max(1, parallelism);
        this.staleNanos = staleAfter.toNanos();
    }

    /** A delta's starting point: the base's catalog, and the rule that says what changed since. */
    public record Since(ObjectCatalog base, ChangeRule rule) {
    }

    /**
     * What was carried ({@code objects}, {@code bytes}: the entries of this bundle) and what the Source held.
     *
     * @param catalog  every object listed, with its SHA-256
     * @param listedAt when the listing started, by the exporter's clock: the next pass's time test starts from it
     * @param changes  a delta's figures; null for a full pass
     */
    public record Result(int buckets, long objects, long bytes, ObjectCatalog catalog, Instant listedAt, Changes changes) {
    }

    /** What a delta found: added and changed (carried), deleted, unchanged, and the objects compare-content re-read. */
    public record Changes(long added, long addedBytes, long changed, long changedBytes, long deleted, long deletedBytes,
            long unchanged, long compared, long comparedBytes) {
    }

    /** A full pass: every object. */
    public Result export(StoreWriter store, Progress progress) {
        return export(store, progress, null);
    }

    /** A full pass when {@code since} is null, else a delta against its base. */
    public Result export(StoreWriter store, Progress progress, Since since) {
        try (ObjectListing listing = listAhead()) {
            return export(store, progress, since, listing);
        }
    }

    /**
     * Starts listing the selected buckets now, in a thread of its own, for {@link #export(StoreWriter, Progress, Since,
     * ObjectListing)} to drain later. The caller closes it.
     */
    public ObjectListing listAhead() {
        return ObjectListing.start(new ObjectStoreClient(config));
    }

    /** As {@link #export(StoreWriter, Progress, Since)}, from a listing already started. */
    public Result export(StoreWriter store, Progress progress, Since since, ObjectListing listing) {
        ObjectStoreClient client = listing.client();
        List<String> buckets = listing.buckets();
        Instant listedAt = listing.listedAt();
        ObjectCatalog catalog = new ObjectCatalog();
        int open = parallelism * 2;
        ExecutorService pool = Executors.newFixedThreadPool(open, r -> {
            Thread t = new Thread(r, "ferry-objects");
            t.setDaemon(true);
            return t;
        });
        // Listed objects wait here while the next listing page is fetched (a server takes its time over a page of
        // 1 000 keys); bounded so a bucket of millions never runs ahead into memory.
        Semaphore slots = new Semaphore(QUEUED);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicLong[] objects = new AtomicLong[buckets.size()];
        AtomicLong[] bytes = new AtomicLong[buckets.size()];
        Tally tally = new Tally();
        try (Progress.Task task = progress.start(StoreKind.OBJECTS.label(), CountNames.OBJECTS, -1, Progress.BYTES);
                Progress.Task compare = since != null && since.rule().compareContent()
                        ? progress.start("objects compared", CountNames.OBJECTS, -1, Progress.BYTES) : null) {
            Map<String, Integer> indexOf = new HashMap<>();
            AtomicLong[] sequences = new AtomicLong[buckets.size()];
            List<Set<String>> listedKeys = new ArrayList<>();
            for (int i = 0; i < buckets.size(); i++) {
                indexOf.put(buckets.get(i), i);
                objects[i] = new AtomicLong();
                bytes[i] = new AtomicLong();
                sequences[i] = new AtomicLong();
                // Some servers (S3Proxy on large buckets) repeat a key across pages.
                listedKeys.add(new HashSet<>());
            }
            // The listing runs ahead in its own thread: the next bucket is listed while this one's objects are copied.
            listing.forEach(info -> {
                if (failure.get() != null) {
                    throw failure.get();
                }
                int i = indexOf.get(info.bucket());
                if (!listedKeys.get(i).add(info.key())) {
                    return;
                }
                int index = i + 1;
                String bucket = info.bucket();
                AtomicLong bucketObjects = objects[i];
                AtomicLong bucketBytes = bytes[i];
                AtomicLong sequence = sequences[i];
                CatalogEntry prior = since == null ? null : since.base().get(bucket, info.key());
                Verdict verdict = since == null ? Verdict.ADDED : since.rule().classify(info, prior);
                if (verdict == Verdict.UNCHANGED) {
                    catalog.put(CatalogEntry.of(info, prior.sha256()));
                    tally.unchanged.increment();
                    return;
                }
                slots.acquireUninterruptibly();
                pool.execute(() -> {
                    try {
                        Verdict decided = verdict;
                        if (verdict == Verdict.COMPARE_CONTENT) {
                            ReadResult read = read(client, info, new ProgressStream(compare));
                            tally.compared.increment();
                            tally.comparedBytes.add(read.bytes());
                            if (read.bytes() == info.size() && read.sha256().equals(prior.sha256())) {
                                catalog.put(CatalogEntry.of(info, prior.sha256()));
                                tally.unchanged.increment();
                                return;
                            }
                            decided = Verdict.CHANGED;
                        }
                        String path = ObjectEntries.path(index, sequence.incrementAndGet());
                        Copied copied = copy(store, client, info, path, index, task, since == null ? null : decided);
                        catalog.put(CatalogEntry.of(info, copied.sha256()));
                        bucketObjects.incrementAndGet();
                        bucketBytes.addAndGet(copied.bytes());
                        if (decided == Verdict.CHANGED) {
                            tally.changed.increment();
                            tally.changedBytes.add(copied.bytes());
                        } else {
                            tally.added.increment();
                            tally.addedBytes.add(copied.bytes());
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            });
            slots.acquireUninterruptibly(QUEUED);
            slots.release(QUEUED);
            if (failure.get() != null) {
                throw failure.get();
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Changes changes = null;
        if (since != null) {
            List<CatalogEntry> deleted = since.base().missingFrom(catalog);
            writeCatalog(store, catalog);
            writeDeleted(store, deleted);
            changes = new Changes(tally.added.sum(), tally.addedBytes.sum(), tally.changed.sum(), tally.changedBytes.sum(),
                    deleted.size(), deleted.stream().mapToLong(CatalogEntry::size).sum(), tally.unchanged.sum(),
                    tally.compared.sum(), tally.comparedBytes.sum());
        }
        ArrayNode bucketDocs = JSON.createArrayNode();
        long totalObjects = 0;
        long totalBytes = 0;
        for (int i = 0; i < buckets.size(); i++) {
            bucketDocs.addObject().put("index", i + 1).put("name", buckets.get(i)).put(CountNames.OBJECTS, objects[i].get())
                    .put(CountNames.BYTES, bytes[i].get());
            totalObjects += objects[i].get();
            totalBytes += bytes[i].get();
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.set("buckets", bucketDocs);
        doc.set("names", JSON.valueToTree(config.buckets().names()));
        doc.set("prefixes", JSON.valueToTree(config.buckets().prefixes()));
        try (EntryOutputStream e = store.newEntry("buckets.json")) {
            JSON.writeValue(new NonClosingOutputStream(e), doc);
            e.count(CountNames.BUCKETS, buckets.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(buckets.size(), totalObjects, totalBytes, catalog, listedAt, changes);
    }

    /**
     * The selected buckets listed now, into a catalog without hashes: what the freeze guard compares (bucket, key,
     * size, ETag) with the catalog the pass read.
     */
    public ObjectCatalog listAgain() {
        ObjectStoreClient client = new ObjectStoreClient(config);
        ObjectCatalog now = new ObjectCatalog();
        for (String bucket : BucketSelector.resolve(client)) {
            client.list(bucket, info -> now.put(CatalogEntry.of(info, null)));
        }
        return now;
    }

    /** The delta's freeze catalog: one line per object present now, {"bucket","key","size","etag","sha256"}. */
    private static void writeCatalog(StoreWriter store, ObjectCatalog catalog) {
        long[] n = new long[2];
        writeLines(store, ObjectEntries.CATALOG, line -> catalog.forEachSorted(c -> {
            line.accept(JSON.createObjectNode().put("bucket", c.bucket()).put("key", c.key()).put("size", c.size())
                    .put("etag", c.etag()).put("sha256", c.sha256()));
            n[0]++;
            n[1] += c.size();
        }), e -> {
            e.count("catalog", n[0]);
            e.count("catalog:bytes", n[1]);
        });
    }

    /** The delta's deletions: one line per object the base held and the Source no longer does, {"bucket","key"}. */
    private static void writeDeleted(StoreWriter store, List<CatalogEntry> deleted) {
        writeLines(store, ObjectEntries.DELETED, line -> deleted.forEach(d ->
                line.accept(JSON.createObjectNode().put("bucket", d.bucket()).put("key", d.key()))),
                e -> e.count("deleted", deleted.size()));
    }

    private static void writeLines(StoreWriter store, String path, java.util.function.Consumer<java.util.function.Consumer<ObjectNode>> lines,
            java.util.function.Consumer<EntryOutputStream> counts) {
        try (EntryOutputStream e = store.newEntry(path)) {
            OutputStream out = new BufferedOutputStream(new NonClosingOutputStream(e), 1 << 16);
            lines.accept(node -> {
                try {
                    out.write(JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
            out.flush();
            counts.accept(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The delta's counters, added to from every copying thread. */
    private static final class Tally {
        final LongAdder added = new LongAdder();
        final LongAdder addedBytes = new LongAdder();
        final LongAdder changed = new LongAdder();
        final LongAdder changedBytes = new LongAdder();
        final LongAdder unchanged = new LongAdder();
        final LongAdder compared = new LongAdder();
        final LongAdder comparedBytes = new LongAdder();
    }

    /** Bytes hashed by compare-content, counted for the progress bar and dropped. */
    private static final class ProgressStream extends OutputStream {
        private final Progress.Task task;

        ProgressStream(Progress.Task task) {
            this.task = task;
        }

        @Override
        public void write(int b) {
            task.advance(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            task.advance(len);
        }
    }

    /** One object in the bundle: its bytes and SHA-256. */
    private record Copied(long bytes, String sha256) {
    }

    /** Copies one object into a new entry; {@code verdict} is null in a full pass, else ADDED or CHANGED. */
    /** What a compare-content read produced: the bytes' count and SHA-256. */
    private record ReadResult(long bytes, String sha256) {
    }

    /** Streams one object into {@code sink} (not closed), hashing it. */
    private static ReadResult read(ObjectStoreClient client, ObjectInfo info, OutputStream sink) {
        try (ObjectStoreClient.OpenObject o = client.open(info)) {
            HashingOutputStream out = new HashingOutputStream(sink);
            o.copyTo(out);
            return new ReadResult(out.bytes(), out.sha256());
        }
    }

    private Copied copy(StoreWriter store, ObjectStoreClient client, ObjectInfo info, String path, int index, Progress.Task task,
            Verdict verdict) {
        ObjectStoreClient.OpenObject object = client.open(info);
        long opened = System.nanoTime();
        EntryOutputStream e = store.newEntry(path);
        long bytes;
        try (e) {
            if (System.nanoTime() - opened >= staleNanos) {
                object.close();
                object = client.open(info);
            }
            // Straight into the entry's chunk buffers (no buffer in between); the progress bar hears of every read.
            bytes = object.readBody(body -> e.transferFrom(new FilterInputStream(body) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        task.advance(n);
                    }
                    return n;
                }
            }));
            if (bytes != info.size()) {
                throw new StoreException("Object storage at " + config.endpoint() + ": an object of bucket '" + info.bucket()
                        + "' changed size while it was read (" + info.size() + " listed, " + bytes + " read)",
                        "Stop writers to the Source buckets (runbook: Source read-only) and re-run the export.");
            }
            e.metadata(ObjectEntries.BUCKET, info.bucket());
            e.metadata(ObjectEntries.KEY, info.key());
            e.metadata("size", bytes);
            e.metadata(ObjectEntries.CONTENT_TYPE, object.contentType());
            e.metadata(ObjectEntries.USER_METADATA, object.userMetadata());
            e.metadata("etag", info.etag());
            e.count(CountNames.OBJECTS, 1);
            e.count(CountNames.BYTES, bytes);
            e.count(CountNames.objectsOfBucket(index), 1);
            if (verdict != null) {
                String change = verdict == Verdict.CHANGED ? "changed" : "added";
                e.metadata(ObjectEntries.CHANGE, change);
                e.count("objects:" + change, 1);
            }
        } catch (IOException ex) {
            throw new StoreException("Writing an object of bucket '" + info.bucket() + "' into the bundle failed: "
                    + ex.getMessage(), "Check the free space of the --out directory and re-run.", ex);
        } finally {
            object.close();
        }
        return new Copied(bytes, e.sha256());
    }
}
