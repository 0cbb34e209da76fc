package dev.ferry.exporter.objects;

import dev.ferry.exporter.config.ObjectsConfig;
import dev.ferry.exporter.support.HashingOutputStream;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Lists a bucket and streams objects through a SHA-256, with a fixed 1 MiB buffer so a 5 GiB object costs no more
 * memory than a small one. The importer's validate lists and hashes the Target with it.
 */
public final class ObjectReader {
    private static final int BUFFER = 1 << 20;

    private final MinioClient client;
    private final ObjectsConfig config;

    public ObjectReader(MinioClient client, ObjectsConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Every object of the bucket, recursively, in key order. */
    public void list(String bucket, Consumer<ObjectInfo> each) {
        Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build());
        for (Result<Item> r : results) {
            Item item = BucketSelector.call(config, "ListObjects", bucket, r::get);
            each.accept(new ObjectInfo(bucket, item.objectName(), item.size(), stripQuotes(item.etag())));
        }
    }

    /** What a read produced: the bytes' count and SHA-256, and the object's headers. */
    public record ReadResult(long bytes, String sha256, String contentType, Map<String, String> userMetadata) {
    }

    /** Streams one object into {@code sink} (not closed), hashing it. */
    public ReadResult read(ObjectInfo object, OutputStream sink) {
        // Not retried: bytes already written to the sink cannot be taken back; a failed object fails the export.
        return BucketSelector.callOnce(config, "GetObject", object.bucket(), () -> {
            try (GetObjectResponse in = client.getObject(GetObjectArgs.builder().bucket(object.bucket())
                    .object(object.key()).build())) {
                HashingOutputStream out = new HashingOutputStream(sink);
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                }
                out.flush();
                Map<String, String> meta = new TreeMap<>();
                for (String name : in.headers().names()) {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("x-amz-meta-")) {
                        meta.put(lower.substring("x-amz-meta-".length()), in.headers().get(name));
                    }
                }
                return new ReadResult(out.bytes(), out.sha256(), in.headers().get("Content-Type"), meta);
            }
        });
    }

    private static String stripQuotes(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
