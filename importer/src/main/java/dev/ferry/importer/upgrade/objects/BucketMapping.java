package dev.ferry.importer.upgrade.objects;

import dev.ferry.common.ConfigException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * kea bucket → swift bucket (docs/reference/fred-stores.md §0, §4): the {@code kea-} prefix is dropped and every key stays as it
 * is. This covers the knowledge-flow documents and objects buckets, the filesystem bucket and the control-plane
 * bucket that holds team banners (the banner key in {@code teammetadata} is kept verbatim, so it still points at it).
 */
public record BucketMapping(Map<String, String> keaToSwift) {
    public static final String KEA_PREFIX = "kea-";
    /** The kea buckets of a default deployment (§0). */
    public static final List<String> DEFAULT_KEA_BUCKETS = List.of("kea-knowledge-flow-content-documents", "kea-knowledge-flow-content-objects",
            "kea-filesystem", "kea-control-plane-content-objects");
    private static final Pattern S3_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public BucketMapping {
        keaToSwift = Collections.unmodifiableMap(new LinkedHashMap<>(keaToSwift));
        Map<String, String> seen = new HashMap<>();
        for (Map.Entry<String, String> e : keaToSwift.entrySet()) {
            String swift = e.getValue();
            if (swift == null || !S3_NAME.matcher(swift).matches()) {
                throw new ConfigException("the swift bucket '" + swift + "' for kea bucket " + e.getKey() + " is not a valid bucket name",
                        "use 3 to 63 lower-case letters, digits, dots and hyphens");
            }
            if (keaToSwift.containsKey(swift)) {
                throw new ConfigException("the swift bucket " + swift + " is also a kea bucket of the mapping", "the upgrade never writes to kea's buckets: pick another name");
            }
            String other = seen.put(swift, e.getKey());
            if (other != null) {
                throw new ConfigException("kea buckets " + other + " and " + e.getKey() + " both map to swift bucket " + swift,
                        "give each kea bucket its own swift bucket");
            }
        }
    }

    /** Each bucket without its {@code kea-} prefix. */
    public static BucketMapping droppingPrefix(List<String> keaBuckets) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String b : keaBuckets) {
            m.put(b, swiftName(b));
        }
        return new BucketMapping(m);
    }

    public static BucketMapping defaults() {
        return droppingPrefix(DEFAULT_KEA_BUCKETS);
    }

    /** The same mapping with some kea buckets sent elsewhere, or added. */
    public BucketMapping withOverrides(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(keaToSwift);
        m.putAll(overrides);
        return new BucketMapping(m);
    }

    static String swiftName(String keaBucket) {
        if (keaBucket == null || !keaBucket.startsWith(KEA_PREFIX) || keaBucket.length() == KEA_PREFIX.length()) {
            throw new ConfigException("kea bucket '" + keaBucket + "' does not start with " + KEA_PREFIX + ", so its swift name is not known",
                    "name its swift bucket in the bucket mapping");
        }
        return keaBucket.substring(KEA_PREFIX.length());
    }

    public String swiftBucket(String keaBucket) {
        String swift = keaToSwift.get(keaBucket);
        if (swift == null) {
            throw new ConfigException("kea bucket " + keaBucket + " is not in the bucket mapping", "add it, with the swift bucket it goes to");
        }
        return swift;
    }

    /** Where a kea object goes: the swift bucket, the same key. */
    public ObjectLocation map(ObjectLocation kea) {
        return new ObjectLocation(swiftBucket(kea.bucket()), kea.key());
    }
}
