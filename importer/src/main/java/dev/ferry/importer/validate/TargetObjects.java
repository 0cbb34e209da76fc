package dev.ferry.importer.validate;

import dev.ferry.common.StoreException;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * What validation reads from the Target object storage: an object's size, its SHA-256 (streamed, never held in memory),
 * and whether a prefix holds anything. Error messages name the bucket but never the key: keys hold file names.
 */
final class TargetObjects {
    private final MinioClient client;
    private final String where;

    TargetObjects(MinioClient client, String where) {
        this.client = client;
        this.where = where;
    }

    /** The object's size, or empty when the object (or its bucket) does not exist. */
    OptionalLong size(String bucket, String key) {
        try {
            return OptionalLong.of(client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size());
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code) || "NoSuchBucket".equals(code) || "NoSuchObject".equals(code)) {
                return OptionalLong.empty();
            }
            throw failure(bucket, e);
        } catch (Exception e) {
            throw failure(bucket, e);
        }
    }

    /** Lower-case hex SHA-256 of the object's bytes, streamed. */
    String sha256(String bucket, String key) {
        MessageDigest sha = PostgresChecks.sha256();
        try (InputStream in = new DigestInputStream(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (Exception e) {
            throw failure(bucket, e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Whether at least one object's key starts with the prefix. */
    boolean anyUnder(String bucket, String prefix) {
        try {
            var it = client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).maxKeys(1).build()).iterator();
            return it.hasNext() && it.next().get() != null;
        } catch (ErrorResponseException e) {
            if ("NoSuchBucket".equals(e.errorResponse().code())) {
                return false;
            }
            throw failure(bucket, e);
        } catch (Exception e) {
            throw failure(bucket, e);
        }
    }

    private StoreException failure(String bucket, Exception e) {
        String why = e instanceof ErrorResponseException er ? er.errorResponse().code() : e.getClass().getSimpleName();
        return new StoreException("the Target object storage " + where + " failed while validation read bucket " + bucket + " (" + why + ")",
                "check that the storage is up and that the configured access key may read bucket " + bucket, e);
    }
}
