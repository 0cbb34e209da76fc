package dev.ferry.stores.objects;

import dev.ferry.common.StoreException;
import dev.ferry.stores.config.ObjectsConfig;
import io.minio.MinioClient;
import io.minio.errors.ErrorResponseException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Builds a MinIO client from an {@code objects:} section and translates S3 failures into a StoreException naming the
 * key to fix. The importer connects to its Target through here too.
 */
public final class ObjectStoreConnector {
    private static final Set<String> REFUSED = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied",
            "InvalidToken", "ExpiredToken");

    private ObjectStoreConnector() {
    }

    public static MinioClient connect(ObjectsConfig config) {
        MinioClient.Builder b = MinioClient.builder().endpoint(config.endpoint())
                .credentials(config.accessKey().reveal(), config.secretKey().reveal());
        if (config.region() != null && !config.region().isBlank()) {
            b.region(config.region());
        }
        MinioClient client = b.build();
        // Generous timeouts: a 5 GiB object is read as one stream.
        client.setTimeout(15_000, 300_000, 300_000);
        return client;
    }

    /** Translates a failure of {@code operation} on {@code bucket} (may be null). */
    public static StoreException translate(ObjectsConfig config, String operation, String bucket, Throwable e) {
        String at = "Object storage at " + config.endpoint();
        String on = bucket == null ? "" : " on bucket '" + bucket + "'";
        if (e instanceof ErrorResponseException er) {
            String code = er.errorResponse().code();
            if (REFUSED.contains(code)) {
                return new StoreException(at + " refused the credentials (objects.accessKey/objects.secretKey) for "
                        + operation + on + ": " + code, "Check the access key and the secret objects.secretKey refers to ("
                        + config.secretKey().describe() + "), and that the key may list and read" + on + ".", e);
            }
            if (code.equals("NoSuchBucket")) {
                return new StoreException(at + ": bucket '" + bucket + "' does not exist (objects.buckets.names)",
                        "Check the name: real bucket names carry a runtime suffix (e.g. kea-knowledge-flow-content-documents); "
                                + "or select by objects.buckets.prefixes.", e);
            }
            return new StoreException(at + " answered " + code + " to " + operation + on + ": " + er.errorResponse().message(),
                    "Check the server's log and the key's policy.", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new StoreException(at + " cannot be reached (objects.endpoint): " + t.getMessage(),
                        "Check the host and port in objects.endpoint, and that this machine can reach it.", e);
            }
        }
        return new StoreException(at + " failed " + operation + on + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                "Re-run once the cause is fixed; check the server's log.", e);
    }
}
