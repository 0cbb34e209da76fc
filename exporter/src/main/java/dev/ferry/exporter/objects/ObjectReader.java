package dev.ferry.exporter.objects;

import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.io.HashingOutputStream;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Lists a bucket and streams objects, into a bundle entry's own chunk buffers or through a fixed buffer, so a 5 GiB
 * object costs no more memory than a small one. The exporter opens an object (request sent, headers read) before it has somewhere to write it, so the
 * server's latency overlaps other objects' copying; the plan and the importer's validate read and hash through here.
 */
public final class ObjectReader {
    private static final int BUFFER = 1 << 20;

    private final MinioClient client;
    private final ObjectsConfig config;

    public ObjectReader(MinioClient client, ObjectsConfig config) {
        this.client = client;
        this.config = config;
    }

    /** Every object of the bucket, recursively, in the server's listing order. */
    public void list(String bucket, Consumer<ObjectInfo> each) {
        Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build());
        for (Result<Item> r : results) {
            Item item = BucketSelector.call(config, "ListObjects", bucket, r::get);
            each.accept(new ObjectInfo(bucket, item.objectName(), item.size(), stripQuotes(item.etag()),
                    item.lastModified() == null ? null : item.lastModified().toInstant()));
        }
    }

    /** What a read produced: the bytes' count and SHA-256, and the object's headers. */
    public record ReadResult(long bytes, String sha256, String contentType, Map<String, String> userMetadata) {
    }

    /**
     * Sends the GET and reads the response's headers, retried like every other call since no byte has been taken yet.
     * The body waits in the connection until {@link OpenObject#copyTo}; the caller closes it.
     */
    public OpenObject open(ObjectInfo object) {
        GetObjectResponse response = BucketSelector.call(config, "GetObject", object.bucket(),
                () -> client.getObject(GetObjectArgs.builder().bucket(object.bucket()).object(object.key()).build()));
        return new OpenObject(object, response);
    }

    /** Streams one object into {@code sink} (not closed), hashing it. */
    public ReadResult read(ObjectInfo object, OutputStream sink) {
        try (OpenObject o = open(object)) {
            HashingOutputStream out = new HashingOutputStream(sink);
            o.copyTo(out, new byte[BUFFER]);
            return new ReadResult(out.bytes(), out.sha256(), o.contentType(), o.userMetadata());
        }
    }

    /** An object whose GET is answered and whose body has not been read yet. */
    public final class OpenObject implements AutoCloseable {
        private final ObjectInfo object;
        private final GetObjectResponse response;

        private OpenObject(ObjectInfo object, GetObjectResponse response) {
            this.object = object;
            this.response = response;
        }

        public String contentType() {
            return response.headers().get("Content-Type");
        }

        /** The x-amz-meta-* headers, names in lower case without the prefix. */
        public Map<String, String> userMetadata() {
            Map<String, String> meta = new TreeMap<>();
            for (String name : response.headers().names()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("x-amz-meta-")) {
                    meta.put(lower.substring("x-amz-meta-".length()), response.headers().get(name));
                }
            }
            return meta;
        }

        /**
         * Reads the body straight into the entry's chunk buffers (no buffer in between); {@code progress} hears of
         * every read. Returns the bytes read.
         */
        public long transferInto(EntryOutputStream entry, LongConsumer progress) {
            // Not retried, as copyTo.
            return BucketSelector.callOnce(config, "GetObject", object.bucket(), () -> entry.transferFrom(new FilterInputStream(response) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = in.read(b, off, len);
                    if (n > 0) {
                        progress.accept(n);
                    }
                    return n;
                }
            }));
        }

        /** Copies the body into {@code sink} (flushed, not closed) through {@code buffer}; returns the bytes copied. */
        public long copyTo(OutputStream sink, byte[] buffer) {
            // Not retried: bytes already written to the sink cannot be taken back; a failed object fails the export.
            return BucketSelector.callOnce(config, "GetObject", object.bucket(), () -> {
                long bytes = 0;
                for (int n; (n = response.read(buffer)) >= 0;) {
                    sink.write(buffer, 0, n);
                    bytes += n;
                }
                sink.flush();
                return bytes;
            });
        }

        @Override
        public void close() {
            try {
                response.close();
            } catch (IOException e) {
                // The body was read or abandoned already; a failed close of the connection loses nothing.
            }
        }
    }

    private static String stripQuotes(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
