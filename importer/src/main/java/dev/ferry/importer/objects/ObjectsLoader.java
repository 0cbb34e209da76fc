package dev.ferry.importer.objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.read.BundleEntry;
import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.MismatchException;
import dev.ferry.importer.config.ObjectsTarget;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.load.Progress;
import dev.ferry.importer.load.StoreLoader;
import dev.ferry.importer.load.StoreOutcome;
import io.minio.ObjectWriteResponse;
import io.minio.StatObjectResponse;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts every carried object into its (mapped) bucket under the same key, content type and user metadata (runbook
 * §1.4). Several objects are in flight at once, each streamed from the bundle to the server, so a 5 GiB object costs
 * one part buffer, not 5 GiB. An object already present with the same SHA-256 is skipped; every write is checked
 * against the ETag the server must answer (read back and hashed when the server's ETag is not an MD5).
 */
public final class ObjectsLoader implements StoreLoader {
    public static final String STORE = "objects";

    private final ObjectsTarget target;

    public ObjectsLoader(ObjectsTarget target) {
        this.target = target;
    }

    @Override
    public String store() {
        return STORE;
    }

    @Override
    public StoreOutcome check(VerifiedBundle bundle, Journal journal) {
        ObjectStorage s3 = new ObjectStorage(target);
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> outputs = new TreeMap<>();
        long present = 0;
        long objects = 0;
        long bytes = 0;
        Set<String> checkedBuckets = new LinkedHashSet<>();
        for (IndexEntry e : bundle.index(STORE)) {
            if (!e.path().startsWith("objects/")) {
                continue;
            }
            objects++;
            bytes += e.size();
            String bucket = target.targetBucket(e.metadata().path("bucket").asText());
            if (checkedBuckets.add(bucket)) {
                outputs.put("bucket " + bucket, s3.bucketExists(bucket) ? "exists" : "will be created");
            }
            if (journal.objectDone(e.path(), e.sha256())) {
                present++;
            } else if (outputs.get("bucket " + bucket).equals("exists")) {
                StatObjectResponse st = s3.stat(bucket, e.metadata().path("key").asText());
                if (st != null && st.size() == e.size()) {
                    present++;
                }
            }
        }
        counts.put("objects", objects);
        counts.put("bytes", bytes);
        counts.put("objects:present-same-size", present);
        return new StoreOutcome(STORE, StoreOutcome.Status.PLANNED, counts, outputs, List.of());
    }

    @Override
    public StoreOutcome load(VerifiedBundle bundle, Journal journal, Progress progress) {
        ObjectStorage s3 = new ObjectStorage(target);
        long totalBytes = 0;
        Set<String> buckets = new LinkedHashSet<>();
        for (IndexEntry e : bundle.index(STORE)) {
            if (e.path().startsWith("objects/")) {
                totalBytes += e.size();
                buckets.add(target.targetBucket(e.metadata().path("bucket").asText()));
            }
        }
        List<String> created = new ArrayList<>();
        for (String b : buckets) {
            if (!s3.bucketExists(b)) {
                s3.makeBucket(b);
                created.add(b);
            }
        }
        journal.started(STORE, Map.of("buckets", Integer.toString(buckets.size())));
        AtomicLong written = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong replaced = new AtomicLong();
        AtomicLong bytesWritten = new AtomicLong();
        try (Progress.Task task = progress.start(STORE, "objects", totalBytes, "bytes")) {
            bundle.read(STORE, target.concurrency(), entry -> {
                if (!entry.path().startsWith("objects/")) {
                    return;
                }
                Outcome o = loadOne(s3, journal, entry);
                switch (o) {
                    case WRITTEN -> {
                        written.incrementAndGet();
                        bytesWritten.addAndGet(entry.size());
                    }
                    case REPLACED -> {
                        replaced.incrementAndGet();
                        bytesWritten.addAndGet(entry.size());
                    }
                    case SKIPPED -> skipped.incrementAndGet();
                }
                task.advance(entry.size());
            });
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("objects:written", written.get());
        counts.put("objects:replaced", replaced.get());
        counts.put("objects:skipped", skipped.get());
        counts.put("bytes:written", bytesWritten.get());
        Map<String, String> details = new LinkedHashMap<>();
        counts.forEach((k, v) -> details.put(k, Long.toString(v)));
        journal.done(STORE, details);
        Map<String, String> outputs = new LinkedHashMap<>();
        if (!created.isEmpty()) {
            outputs.put("bucketsCreated", String.join(", ", created));
        }
        return new StoreOutcome(STORE, StoreOutcome.Status.LOADED, counts, outputs, List.of());
    }

    private enum Outcome { WRITTEN, REPLACED, SKIPPED }

    private Outcome loadOne(ObjectStorage s3, Journal journal, BundleEntry entry) throws Exception {
        if (journal.objectDone(entry.path(), entry.sha256())) {
            return Outcome.SKIPPED;
        }
        JsonNode meta = entry.metadata();
        String bucket = target.targetBucket(meta.path("bucket").asText());
        String key = meta.path("key").asText();
        StatObjectResponse existing = s3.stat(bucket, key);
        if (existing != null && existing.size() == entry.size() && s3.sha256(bucket, key).equals(entry.sha256())) {
            journal.objectFinished(entry.path(), entry.sha256());
            return Outcome.SKIPPED;
        }
        Map<String, String> userMetadata = new LinkedHashMap<>();
        meta.path("userMetadata").fields().forEachRemaining(f -> userMetadata.put(f.getKey(), f.getValue().asText()));
        ObjectWriteResponse r;
        PartDigests digests;
        try (InputStream in = entry.open()) {
            digests = new PartDigests(in, ObjectStorage.PART_SIZE);
            r = s3.put(bucket, key, digests, entry.size(), meta.path("contentType").asText(null), userMetadata);
        }
        String sha = digests.sha256Hex();
        if (!sha.equals(entry.sha256())) {
            throw new MismatchException("object entry " + entry.path() + " streamed with SHA-256 " + sha + ", the bundle says " + entry.sha256(),
                    "the bundle medium may be failing: copy the bundle again and re-run with --resume");
        }
        String etag = r.etag() == null ? "" : r.etag().replace("\"", "");
        if (!etag.equalsIgnoreCase(digests.expectedEtag(entry.size())) && !s3.sha256(bucket, key).equals(entry.sha256())) {
            throw new MismatchException("object entry " + entry.path() + " was stored in bucket " + bucket + " with different content",
                    "check the object storage's health, then re-run with --resume to upload it again");
        }
        journal.objectFinished(entry.path(), entry.sha256());
        return existing == null ? Outcome.WRITTEN : Outcome.REPLACED;
    }
}
