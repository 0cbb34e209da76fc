package dev.ferry.stores.objects;

import dev.ferry.common.CauseDetail;
import dev.ferry.common.FerryException;
import dev.ferry.common.StoreException;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.retry.StoreRetry;
import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.HttpUtils;
import io.minio.messages.Bucket;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;

/**
 * The one client of an S3-compatible object storage, for the export, the load and validate alike, through the MinIO
 * SDK: lists buckets and objects, streams objects in and out (never whole in memory), and turns failures into a
 * StoreException naming the key to fix. One definition of "missing" (no such key, object or bucket, or HTTP 404), so
 * the load's "already there?" and validate's "is it there?" cannot disagree. Error messages name the bucket, never
 * the key: keys hold document file names.
 * <p>
 * Retries: the one policy ({@link StoreRetry}) runs here, around requests that read or change nothing when repeated
 * (bucket checks, listing buckets, stat, a GET before its body is read, a whole read-and-hash), on I/O errors and on
 * the server's 5xx and slow-down answers. A body already streamed into a sink, an upload (its stream is consumed) and
 * creating a bucket are done once.
 */
public final class ObjectStoreClient {
    /** Objects above this size go up in parts of this size: bounded memory per upload in flight. */
    public static final long PART_SIZE = 16L * 1024 * 1024;
    private static final Set<String> REFUSED = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied",
            "InvalidToken", "ExpiredToken");
    private static final Set<String> MISSING = Set.of("NoSuchKey", "NoSuchObject", "NoSuchBucket");
    private static final Set<String> BUSY = Set.of("SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout");
    private static final int BUFFER = 1 << 20;

    private final ObjectsConfig config;
    private final MinioClient minio;
    private final StoreRetry retry = StoreRetry.standardOr(ObjectStoreClient::isTransient);

    public ObjectStoreClient(ObjectsConfig config) {
        this.config = config;
        MinioClient.Builder b = MinioClient.builder().endpoint(config.endpoint())
                .credentials(config.accessKey().reveal(), config.secretKey().reveal())
                .httpClient(httpClient(), true);
        if (config.region() != null && !config.region().isBlank()) {
            b.region(config.region());
        }
        this.minio = b.build();
    }

    /**
     * The SDK's own default HTTP client (generous timeouts: a 5 GiB object is read as one stream), with its certificate
     * pinner (no pins) rebuilt around the client's own chain cleaner. The SDK derives a new client for every streamed
     * PUT (one per uploaded object or part), and OkHttp then compares the pinner's cleaner with the client's: as the
     * SDK builds it they are two equal instances, compared certificate by certificate over the whole trust store,
     * which took a quarter of the load's sampled CPU; as the same instance the comparison is free.
     */
    private static OkHttpClient httpClient() {
        return HttpUtils.newDefaultHttpClient(15_000, 300_000, 300_000).newBuilder()
                .certificatePinner(CertificatePinner.DEFAULT)
                .build();
    }

    public ObjectsConfig config() {
        return config;
    }

    public boolean bucketExists(String bucket) {
        return retried("check bucket", bucket, () -> minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    /** The names of every bucket the credentials may see. */
    public List<String> bucketNames() {
        List<Bucket> buckets = retried("list the buckets", null, minio::listBuckets);
        return buckets.stream().map(Bucket::name).toList();
    }

    /** Creates a bucket; sent once (a repeated request that had succeeded would answer "already owned"). */
    public void makeBucket(String bucket) {
        once("create bucket", bucket, () -> {
            minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            return null;
        });
    }

    /**
     * Calls {@code each} with every object of the bucket, recursively, in the server's listing order. Not retried: a
     * failed page would have to resume after the last key, and the objects before it were already handed on.
     */
    public void list(String bucket, Consumer<ObjectInfo> each) {
        Iterator<Result<Item>> results = minio.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build()).iterator();
        while (true) {
            Item item = once("list the objects", bucket, () -> results.hasNext() ? results.next().get() : null);
            if (item == null) {
                return;
            }
            each.accept(new ObjectInfo(bucket, item.objectName(), item.size(), stripQuotes(item.etag()),
                    item.lastModified() == null ? null : item.lastModified().toInstant()));
        }
    }

    /**
     * Every object of the bucket by key, with its size and ETag as the listing states them (the ETag a stat answers
     * too); empty when the bucket does not exist. Unlike {@link #list}, retried whole: nothing is handed on before the
     * listing is complete. One request per page of keys instead of one per object, for a caller that needs the
     * status of most of a bucket; it holds every key of the bucket in memory.
     */
    public java.util.NavigableMap<String, ObjectInfo> listAll(String bucket) {
        return retried("list the objects", bucket, () -> {
            java.util.NavigableMap<String, ObjectInfo> all = new TreeMap<>();
            try {
                for (Result<Item> r : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
                    Item item = r.get();
                    all.put(item.objectName(), new ObjectInfo(bucket, item.objectName(), item.size(), stripQuotes(item.etag()),
                            item.lastModified() == null ? null : item.lastModified().toInstant()));
                }
            } catch (ErrorResponseException e) {
                if (missing(e)) {
                    return new TreeMap<String, ObjectInfo>();
                }
                throw e;
            }
            return all;
        });
    }

    /**
     * As {@link #listAll(String)}, in up to {@code ranges} listings at once, split at keys of {@code sample} (keys the
     * bucket is expected to hold, e.g. a sample of a catalog's; see {@link RangedListing}: a stale or odd sample costs
     * time, never a key). One plain listing when the sample is too small to split.
     */
    public java.util.NavigableMap<String, ObjectInfo> listAll(String bucket, java.util.Collection<String> sample, int ranges) {
        List<String> splits = RangedListing.splits(sample, ranges);
        if (splits.isEmpty()) {
            return listAll(bucket);
        }
        return retried("list the objects", bucket, () -> {
            try {
                return new RangedListing(splits, after -> {
                    // Version 1 pages by marker alone; S3Proxy refuses version 2's start-after beside a continuation token.
                    ListObjectsArgs.Builder args = ListObjectsArgs.builder().bucket(bucket).recursive(true).useApiVersion1(true);
                    return minio.listObjects((after == null ? args : args.marker(after)).build()).iterator();
                }, item -> new ObjectInfo(bucket, item.objectName(), item.size(), stripQuotes(item.etag()),
                        item.lastModified() == null ? null : item.lastModified().toInstant())).run();
            } catch (ErrorResponseException e) {
                if (missing(e)) {
                    return new TreeMap<String, ObjectInfo>();
                }
                throw e;
            }
        });
    }

    /** Whether at least one object's key starts with the prefix; false when the bucket does not exist. */
    public boolean anyUnder(String bucket, String prefix) {
        return retried("list the objects", bucket, () -> {
            try {
                var it = minio.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).maxKeys(1)
                        .build()).iterator();
                return it.hasNext() && it.next().get() != null;
            } catch (ErrorResponseException e) {
                if (missing(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** The object's size, or empty when the object or its bucket does not exist. */
    public OptionalLong size(String bucket, String key) {
        return retried("read an object's status", bucket, () -> {
            try {
                return OptionalLong.of(minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
            } catch (ErrorResponseException e) {
                if (missing(e)) {
                    return OptionalLong.empty();
                }
                throw e;
            }
        });
    }

    /**
     * A server-side copy of one object into another bucket of the same endpoint, under the same key (the bytes never
     * leave the server; S3 copies up to 5 GiB in one request). Idempotent (the same bytes land under
     * the same key), so retried like a read.
     */
    public void copy(String fromBucket, String key, String toBucket) {
        retried("copy an object", toBucket, () -> minio.copyObject(CopyObjectArgs.builder().bucket(toBucket).object(key)
                .source(CopySource.builder().bucket(fromBucket).object(key).build()).build()));
    }

    /** The object's size and ETag (without quotes) as the server states it, or empty when it or its bucket is absent. */
    public java.util.Optional<ObjectInfo> stat(String bucket, String key) {
        return retried("read an object's status", bucket, () -> {
            try {
                var st = minio.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                return java.util.Optional.of(new ObjectInfo(bucket, key, st.size(), stripQuotes(st.etag()),
                        st.lastModified() == null ? null : st.lastModified().toInstant()));
            } catch (ErrorResponseException e) {
                if (missing(e)) {
                    return java.util.Optional.<ObjectInfo>empty();
                }
                throw e;
            }
        });
    }

    /** Lower-case hex SHA-256 of a stored object's bytes, streamed; a failed read is retried from the start. */
    public String sha256(String bucket, String key) {
        return retried("read an object", bucket, () -> {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        });
    }

    /**
     * Sends the GET and reads the response's headers, retried since no byte has been taken yet. The body waits in the
     * connection until {@link OpenObject#readBody}; the caller closes it.
     */
    public OpenObject open(ObjectInfo object) {
        GetObjectResponse response = retried("read an object", object.bucket(),
                () -> minio.getObject(GetObjectArgs.builder().bucket(object.bucket()).object(object.key()).build()));
        return new OpenObject(object, response);
    }

    /**
     * Uploads an object of known size from a stream (in parts of {@link #PART_SIZE} above that size), with its content
     * type and user metadata; returns the ETag the server answered, without quotes. Sent once: the stream is consumed.
     */
    public String put(String bucket, String key, InputStream in, long size, String contentType, Map<String, String> userMetadata) {
        return once("upload an object", bucket, () -> {
            PutObjectArgs.Builder b = PutObjectArgs.builder().bucket(bucket).object(key).stream(in, size, PART_SIZE)
                    .userMetadata(userMetadata);
            if (contentType != null && !contentType.isBlank()) {
                b.contentType(contentType);
            }
            String etag = minio.putObject(b.build()).etag();
            return etag == null ? "" : stripQuotes(etag);
        });
    }

    /** Deletes an object; deleting one that is not there succeeds (S3 semantics), so a resumed deletion is harmless. */
    public void remove(String bucket, String key) {
        retried("delete an object", bucket, () -> {
            minio.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** Reads an object's body; may fail with any exception, which the client translates. */
    @FunctionalInterface
    public interface BodyReader {
        long read(InputStream body) throws Exception;
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
         * Hands the body to {@code reader} and returns what it returns (the bytes it took). Not retried: bytes already
         * passed on cannot be taken back; a failure fails the object.
         */
        public long readBody(BodyReader reader) {
            return once("read an object", object.bucket(), () -> reader.read(response));
        }

        /** Copies the body into {@code sink} (flushed, not closed); returns the bytes copied. Not retried, as readBody. */
        public long copyTo(java.io.OutputStream sink) {
            return readBody(in -> {
                byte[] buffer = new byte[BUFFER];
                long bytes = 0;
                for (int n; (n = in.read(buffer)) >= 0;) {
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

    /** A request that may fail with any exception. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    private <T> T retried(String operation, String bucket, Call<T> call) {
        try {
            return retry.get(call::run);
        } catch (StoreRetry.StoreCallException e) {
            throw translate(operation, bucket, e.getCause());
        } catch (FerryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(operation, bucket, e);
        }
    }

    private <T> T once(String operation, String bucket, Call<T> call) {
        try {
            return call.run();
        } catch (FerryException e) {
            throw e;
        } catch (Exception e) {
            if (e.getCause() instanceof FerryException fe) {
                throw fe;
            }
            throw translate(operation, bucket, e);
        }
    }

    private static boolean missing(ErrorResponseException e) {
        return MISSING.contains(e.errorResponse().code()) || e.response() != null && e.response().code() == 404;
    }

    /** I/O errors (as the one policy sees them), and the server asking to slow down or failing with a 5xx. */
    static boolean isTransient(Throwable e) {
        if (e instanceof ErrorResponseException er) {
            return BUSY.contains(er.errorResponse().code()) || er.response() != null && er.response().code() >= 500;
        }
        return false;
    }

    /** The StoreException for a failure of {@code operation} on {@code bucket} (may be null), naming the key to check. */
    public StoreException translate(String operation, String bucket, Throwable e) {
        String at = "Object storage at " + config.endpoint();
        String on = bucket == null ? "" : " on bucket '" + bucket + "'";
        if (e instanceof ErrorResponseException er) {
            String code = er.errorResponse().code();
            if (REFUSED.contains(code)) {
                return new StoreException(at + " refused the credentials (objects.accessKey/objects.secretKey) to "
                        + operation + on + ": " + code, "Check the access key and the secret objects.secretKey refers to ("
                        + config.secretKey().describe() + "), and that the key may " + operation + on + ".", e);
            }
            if (code.equals("NoSuchBucket")) {
                return new StoreException(at + ": bucket '" + bucket + "' does not exist",
                        "Check the bucket names in the config: real bucket names carry a runtime suffix "
                                + "(e.g. kea-knowledge-flow-content-documents).", e);
            }
            return new StoreException(at + " answered " + code + " to " + operation + on + ": " + er.errorResponse().message(),
                    "Check the server's log and the key's policy; re-run once the cause is fixed (a load continues with --resume).", e);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new StoreException(at + " cannot be reached (objects.endpoint): " + t.getMessage(),
                        "Check the host and port in objects.endpoint, and that this machine can reach it.", e);
            }
        }
        return new StoreException(at + " failed to " + operation + on + ": " + CauseDetail.of(e).orElse("the S3 library gave no detail"),
                "Re-run once the cause is fixed (a load continues with --resume); check the server's log.", e);
    }

    private static String stripQuotes(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

}
