package dev.ferry.stores.config;

/** The {@code objects:} section: an S3-compatible endpoint, its keys, and which buckets to carry. */
public record ObjectsConfig(String endpoint, Secret accessKey, Secret secretKey, String region, BucketSelection buckets)
        implements ConfigSection {
    @Override
    public void validate(ConfigKeys keys) {
        keys.require(endpoint, "endpoint");
        if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
            throw keys.invalid("endpoint", "is not an http(s) URL: " + endpoint, "Write it as https://HOST[:PORT].");
        }
        keys.require(accessKey, "accessKey");
        keys.require(secretKey, "secretKey");
        if (buckets != null) {
            buckets.validate(keys.at("buckets"));
        }
    }
}
