package dev.ferry.importer.objects;

import dev.ferry.common.StoreException;
import dev.ferry.importer.config.ObjectsTarget;
import dev.ferry.stores.objects.ObjectStoreConnector;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** The Target object storage through the MinIO SDK, with errors turned into operator messages. */
final class ObjectStorage {
    /** Objects above this size go up in parts of this size; bounded memory per upload in flight. */
    static final long PART_SIZE = 16L * 1024 * 1024;

    private final ObjectsTarget target;
    private final MinioClient client;

    ObjectStorage(ObjectsTarget target) {
        this.target = target;
        this.client = ObjectStoreConnector.connect(target.connection());
    }

    boolean bucketExists(String bucket) {
        return call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()), "check bucket " + bucket);
    }

    void makeBucket(String bucket) {
        call(() -> {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            return null;
        }, "create bucket " + bucket);
    }

    /** The object's stat, or null when absent. */
    StatObjectResponse stat(String bucket, String key) {
        return call(() -> {
            try {
                return client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())
                        || e.response().code() == 404) {
                    return null;
                }
                throw e;
            }
        }, "read an object's status in bucket " + bucket);
    }

    /** SHA-256 of a stored object, streamed. */
    String sha256(String bucket, String key) {
        return call(() -> {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        }, "read back an object in bucket " + bucket);
    }

    ObjectWriteResponse put(String bucket, String key, InputStream in, long size, String contentType, Map<String, String> userMetadata) {
        return call(() -> {
            PutObjectArgs.Builder b = PutObjectArgs.builder().bucket(bucket).object(key).stream(in, size, PART_SIZE)
                    .userMetadata(userMetadata);
            if (contentType != null && !contentType.isBlank()) {
                b.contentType(contentType);
            }
            return client.putObject(b.build());
        }, "upload an object to bucket " + bucket);
    }

    interface Call<T> {
        T run() throws Exception;
    }

    private <T> T call(Call<T> c, String what) {
        try {
            return c.run();
        } catch (StoreException e) {
            throw e;
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            String fix = code.equals("AccessDenied") || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")
                    ? "check objects.accessKey/secretKey and the key's permissions on the bucket"
                    : "read the object storage server's log; --resume continues after the last checked object";
            throw new StoreException("object storage at " + target.endpoint() + " refused to " + what + ": " + code, fix, e);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot reach object storage at " + target.endpoint() + " to " + what + ": " + e.getMessage(),
                    "check objects.endpoint and that the server is running; --resume continues", e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof dev.ferry.common.FerryException fe) {
                throw fe;
            }
            throw e;
        } catch (Exception e) {
            throw new StoreException("object storage at " + target.endpoint() + " failed to " + what + ": " + e.getMessage(),
                    "check objects.endpoint and the credentials", e);
        }
    }
}
