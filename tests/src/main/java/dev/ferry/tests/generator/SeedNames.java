package dev.ferry.tests.generator;

/**
 * Where a dataset lands: the Keycloak realm, the OpenFGA store name (kea resolves its store by name) and the bucket
 * prefix (buckets are {@code <prefix>-knowledge-flow-content-documents} and so on).
 */
public record SeedNames(String realm, String openFgaStore, String bucketPrefix) {

    /** kea's production names: realm {@code app}, store {@code kea}, buckets {@code kea-…}. */
    public static SeedNames kea() {
        return new SeedNames("app", "kea", "kea");
    }
}
