package dev.ferry.exporter.objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.common.StoreException;
import dev.ferry.cli.Progress;
import dev.ferry.stores.CountNames;
import dev.ferry.stores.StoreKind;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.io.NonClosingOutputStream;
import dev.ferry.stores.objects.ObjectEntries;
import dev.ferry.stores.objects.ObjectInfo;
import dev.ferry.stores.objects.ObjectStoreClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the store "objects": one entry per object at objects/&lt;bucket-index&gt;/&lt;sequence&gt; (never the key: keys
 * hold document file names), with several objects in flight; then buckets.json. The Source is only read.
 * <p>
 * Each object is opened (GET answered) before it takes one of the store's lanes, and twice as many objects are open
 * as there are lanes: a lane then never idles through a server's round trip, which for small objects costs as much
 * as their bytes. The bytes are hashed once, by the bundle (the entry's SHA-256).
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

    /** What was carried. */
    public record Result(int buckets, long objects, long bytes) {
    }

    public Result export(StoreWriter store, Progress progress) {
        ObjectStoreClient client = new ObjectStoreClient(config);
        List<String> buckets = BucketSelector.resolve(client);
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
        try (Progress.Task task = progress.start(StoreKind.OBJECTS.label(), "B", -1, true)) {
            for (int i = 0; i < buckets.size(); i++) {
                int index = i + 1;
                String bucket = buckets.get(i);
                AtomicLong bucketObjects = objects[i] = new AtomicLong();
                AtomicLong bucketBytes = bytes[i] = new AtomicLong();
                long[] sequence = {0};
                String[] previousKey = {null};
                // The next bucket is listed while this one's last objects are still copied.
                client.list(bucket, info -> {
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    // Some servers (S3Proxy on large buckets) repeat a key across pages.
                    if (info.key().equals(previousKey[0])) {
                        return;
                    }
                    previousKey[0] = info.key();
                    String path = ObjectEntries.path(index, ++sequence[0]);
                    slots.acquireUninterruptibly();
                    pool.execute(() -> {
                        try {
                            long n = copy(store, client, info, path, index, task);
                            bucketObjects.incrementAndGet();
                            bucketBytes.addAndGet(n);
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        } finally {
                            slots.release();
                        }
                    });
                });
            }
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
        return new Result(buckets.size(), totalObjects, totalBytes);
    }

    private long copy(StoreWriter store, ObjectStoreClient client, ObjectInfo info, String path, int index, Progress.Task task) {
        ObjectStoreClient.OpenObject object = client.open(info);
        long opened = System.nanoTime();
        try (EntryOutputStream e = store.newEntry(path)) {
            if (System.nanoTime() - opened >= staleNanos) {
                object.close();
                object = client.open(info);
            }
            // Straight into the entry's chunk buffers (no buffer in between); the progress bar hears of every read.
            long bytes = object.readBody(body -> e.transferFrom(new FilterInputStream(body) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        task.step(n);
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
            return bytes;
        } catch (IOException ex) {
            throw new StoreException("Writing an object of bucket '" + info.bucket() + "' into the bundle failed: "
                    + ex.getMessage(), "Check the free space of the --out directory and re-run.", ex);
        } finally {
            object.close();
        }
    }
}
