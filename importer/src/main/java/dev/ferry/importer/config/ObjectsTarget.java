package dev.ferry.importer.config;

import java.util.Map;

/**
 * The Target S3-compatible object storage.
 *
 * @param endpoint    e.g. https://minio.target:9000
 * @param region      may be null
 * @param accessKey   resolved from a secret reference
 * @param secretKey   resolved from a secret reference
 * @param bucketMap   Source bucket name → Target bucket name (runbook §1.4); unmapped buckets keep their name
 * @param concurrency how many objects may be uploaded at once
 */
public record ObjectsTarget(String endpoint, String region, String accessKey, String secretKey, Map<String, String> bucketMap,
        int concurrency) {
    public String targetBucket(String sourceBucket) {
        return bucketMap.getOrDefault(sourceBucket, sourceBucket);
    }

    @Override
    public String toString() {
        return "ObjectsTarget[" + endpoint + ", buckets mapped=" + bucketMap.size() + "]";
    }
}
