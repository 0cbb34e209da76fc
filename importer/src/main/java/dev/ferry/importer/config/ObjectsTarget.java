package dev.ferry.importer.config;

import dev.ferry.stores.config.ConfigKeys;
import dev.ferry.stores.config.ConfigSection;
import dev.ferry.stores.config.ObjectsConfig;
import dev.ferry.stores.config.Secret;
import java.util.Map;

/**
 * The {@code objects:} section of target.yaml: the shared connection keys plus bucket renaming.
 *
 * @param bucketMap   Source bucket name → Target bucket name (runbook §1.4); unmapped buckets keep their name
 * @param concurrency objects uploaded at once (default 4)
 */
public record ObjectsTarget(String endpoint, Secret accessKey, Secret secretKey, String region, Map<String, String> bucketMap,
        Integer concurrency) implements ConfigSection {
    public ObjectsTarget {
        bucketMap = bucketMap == null ? Map.of() : Map.copyOf(bucketMap);
        concurrency = concurrency == null ? 4 : concurrency;
    }

    public ObjectsConfig connection() {
        return new ObjectsConfig(endpoint, accessKey, secretKey, region, null);
    }

    public String targetBucket(String sourceBucket) {
        return bucketMap.getOrDefault(sourceBucket, sourceBucket);
    }

    @Override
    public void validate(ConfigKeys keys) {
        if (concurrency < 1 || concurrency > 64) {
            throw keys.invalid("concurrency", "must be between 1 and 64", "Use a small number such as 4.");
        }
        connection().validate(keys);
    }
}
