package dev.ferry.exporter.objects;

import dev.ferry.stores.objects.ObjectStoreConnector;

import dev.ferry.common.StoreException;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.retry.StoreRetry;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.messages.Bucket;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Resolves the configured buckets: every name must exist, every prefix must match at least one bucket. A missing or
 * unreadable bucket is an error, never a silent skip.
 */
public final class BucketSelector {
    private BucketSelector() {
    }

    /** The real bucket names, sorted; their position (from 1) is the bucket index in entry paths. */
    public static List<String> resolve(MinioClient client, ObjectsConfig config) {
        TreeSet<String> selected = new TreeSet<>();
        for (String name : config.buckets().names()) {
            boolean exists = call(config, "BucketExists", name,
                    () -> client.bucketExists(BucketExistsArgs.builder().bucket(name).build()));
            if (!exists) {
                throw new StoreException("Object storage at " + config.endpoint() + " has no bucket '" + name
                        + "' (objects.buckets.names)", "Check the name: real bucket names carry a runtime suffix "
                        + "(e.g. kea-knowledge-flow-content-documents); or select buckets by objects.buckets.prefixes.");
            }
            selected.add(name);
        }
        if (!config.buckets().prefixes().isEmpty()) {
            List<Bucket> all = call(config, "ListBuckets", null, client::listBuckets);
            for (String prefix : config.buckets().prefixes()) {
                List<String> matched = new ArrayList<>();
                for (Bucket b : all) {
                    if (b.name().startsWith(prefix)) {
                        matched.add(b.name());
                    }
                }
                if (matched.isEmpty()) {
                    throw new StoreException("Object storage at " + config.endpoint() + " has no bucket starting with '"
                            + prefix + "' (objects.buckets.prefixes)", "Check the prefix against 'mc ls' on the Source.");
                }
                selected.addAll(matched);
            }
        }
        return List.copyOf(selected);
    }

    static <T> T call(ObjectsConfig config, String operation, String bucket, dev.failsafe.function.CheckedSupplier<T> call) {
        try {
            return StoreRetry.standard().get(call);
        } catch (StoreRetry.StoreCallException e) {
            throw ObjectStoreConnector.translate(config, operation, bucket, e.getCause());
        } catch (dev.ferry.common.FerryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ObjectStoreConnector.translate(config, operation, bucket, e);
        }
    }

    static <T> T callOnce(ObjectsConfig config, String operation, String bucket, dev.failsafe.function.CheckedSupplier<T> call) {
        try {
            return call.get();
        } catch (dev.ferry.common.FerryException e) {
            throw e;
        } catch (Throwable e) {
            throw ObjectStoreConnector.translate(config, operation, bucket, e);
        }
    }
}
