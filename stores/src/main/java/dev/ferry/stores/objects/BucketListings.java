package dev.ferry.stores.objects;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Buckets as a reader that needs the status of most of their objects sees them: each listed once, on first use, and
 * shared after that. A listing states every object's size and ETag, as a stat does, in one request per page of keys
 * instead of one round trip per object: a freeze's load and validate check thousands of unchanged objects this way, and
 * validate's cross-store check "every metadata row has its objects" too. A bucket whose expected keys are known (a
 * freeze catalog's) is listed in several ranges at once ({@link RangedListing}). Keys stay in memory only (they hold
 * document file names). Thread-safe.
 */
public final class BucketListings {
    private final ObjectStoreClient target;
    private final int ranges;
    private final Map<String, NavigableMap<String, ObjectInfo>> buckets = new HashMap<>();
    private final Map<String, KeySample> expected = new HashMap<>();

    /** @param ranges how many listings of one bucket may run at once */
    public BucketListings(ObjectStoreClient target, int ranges) {
        this.target = target;
        this.ranges = ranges;
    }

    /** A key the bucket should hold, before the bucket is listed: where to split its listing. */
    public synchronized void expect(String bucket, String key) {
        expected.computeIfAbsent(bucket, b -> new KeySample()).add(key);
    }

    /** The object's size and ETag as listed, or empty when it or its bucket is absent. */
    public Optional<ObjectInfo> stat(String bucket, String key) {
        return Optional.ofNullable(bucket(bucket).get(key));
    }

    /** Whether at least one object's key starts with the prefix; false when the bucket does not exist. */
    public boolean anyUnder(String bucket, String prefix) {
        String next = bucket(bucket).ceilingKey(prefix);
        return next != null && next.startsWith(prefix);
    }

    private synchronized NavigableMap<String, ObjectInfo> bucket(String bucket) {
        return buckets.computeIfAbsent(bucket, b -> target.listAll(b,
                expected.containsKey(b) ? expected.get(b).keys() : List.of(), ranges));
    }
}
