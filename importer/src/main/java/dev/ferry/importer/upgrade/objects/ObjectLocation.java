package dev.ferry.importer.upgrade.objects;

/**
 * An object in a bucket. Keys hold document file names, which are secret (DEVELOPERS.md): {@link #toString()} names
 * the bucket only, so a location never lands in a log by accident.
 */
public record ObjectLocation(String bucket, String key) {
    @Override
    public String toString() {
        return "an object in " + bucket;
    }
}
