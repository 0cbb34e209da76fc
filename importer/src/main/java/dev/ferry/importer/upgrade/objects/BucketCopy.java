package dev.ferry.importer.upgrade.objects;

import dev.ferry.common.StoreException;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.objects.UploadPool;
import dev.ferry.stores.objects.ObjectInfo;
import dev.ferry.stores.objects.ObjectStoreClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Chapter 2's object copy: every kea bucket to its swift name, keys unchanged, by server-side copy, each copy checked
 * (size, then SHA-256 of both sides, streamed). Up to {@code concurrency} objects are in flight at once through the
 * importer's one bounded pool ({@link UploadPool}); each holds at most one request against kea's object store at a
 * time (the copy, then the read that hashes the source), so kea's store never sees more than {@code concurrency}
 * requests from the upgrade, plus the one listing. The journal records each object once checked, under a hash of its
 * kea bucket and key (never the key: it holds a file name) and with its ETag: a resumed run skips exactly those, and
 * repeats the copies that were in flight when it stopped (a copy under the same key is idempotent).
 */
public final class BucketCopy {
    /** Copies a bucket's objects: sized so that kea, still live, is not loaded heavily. */
    public static final int DEFAULT_CONCURRENCY = 4;

    public record Result(long copied, long alreadyDone, long bytes, List<String> missingKeaBuckets) {
    }

    private final ObjectStoreClient s3;
    private final BucketMapping mapping;
    private final int concurrency;
    private final Consumer<String> progress;

    public BucketCopy(ObjectStoreClient s3, BucketMapping mapping, int concurrency, Consumer<String> progress) {
        this.s3 = s3;
        this.mapping = mapping;
        this.concurrency = concurrency;
        this.progress = progress;
    }

    public Result run(Journal journal) {
        AtomicLong copied = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long[] alreadyDone = {0};
        List<String> missing = new ArrayList<>();
        try (UploadPool pool = new UploadPool(concurrency, 0)) {
            for (Map.Entry<String, String> e : mapping.keaToSwift().entrySet()) {
                String from = e.getKey();
                String to = e.getValue();
                if (!s3.bucketExists(from)) {
                    missing.add(from);
                    continue;
                }
                if (!s3.bucketExists(to)) {
                    s3.makeBucket(to);
                }
                progress.accept("copying objects " + from + " → " + to + " (" + concurrency + " at once)");
                s3.list(from, o -> {
                    String id = journalId(from, o.key());
                    if (journal.objectDone(id, o.etag())) {
                        alreadyDone[0]++;
                        return;
                    }
                    submit(pool, () -> {
                        copyAndCheck(o, to);
                        journal.objectFinished(id, o.etag());
                        copied.incrementAndGet();
                        bytes.addAndGet(o.size());
                    });
                });
            }
            pool.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("the object copy was interrupted", "re-run with --resume; the objects already checked are not copied again");
        }
        return new Result(copied.get(), alreadyDone[0], bytes.get(), missing);
    }

    private void copyAndCheck(ObjectInfo o, String to) {
        s3.copy(o.bucket(), o.key(), to);
        long size = s3.size(to, o.key()).orElse(-1);
        if (size != o.size() || !s3.sha256(o.bucket(), o.key()).equals(s3.sha256(to, o.key()))) {
            throw new StoreException("an object copied from " + o.bucket() + " to " + to + " differs from its source (size " + size + ", expected " + o.size() + ")",
                    "check the object store's health, then re-run with --resume; the copy is repeated");
        }
    }

    private static void submit(UploadPool pool, UploadPool.Upload copy) {
        try {
            pool.submit(0, copy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("the object copy was interrupted", "re-run with --resume; the objects already checked are not copied again");
        }
    }

    /** The journal's name for a kea object: its bucket and key, hashed (a key holds a file name and is secret). */
    static String journalId(String bucket, String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((bucket + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
