package dev.ferry.importer.openfga;

import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.stores.openfga.TupleSetFingerprint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a store must gain and lose to hold a wanted tuple set, read from the store now. Tuples are compared by their
 * fingerprint line (key and condition), so a tuple whose condition changed is removed and written again.
 *
 * @param added             wanted tuples the store lacks
 * @param removed           tuples the store holds that are not wanted
 * @param unchanged         tuples in both
 * @param targetCount       tuples the store holds
 * @param targetFingerprint the fingerprint of the store's tuple set, as the export and validate compute it
 */
record TupleDiff(List<TupleRecord> added, List<TupleRecord> removed, long unchanged, long targetCount, String targetFingerprint) {
    /** {@code wanted} maps fingerprint lines to tuples; the client is bound to the store. */
    static TupleDiff of(OpenFgaStoreClient client, Map<String, TupleRecord> wanted) {
        Set<String> present = new HashSet<>();
        List<TupleRecord> removed = new ArrayList<>();
        TupleSetFingerprint fingerprint = new TupleSetFingerprint();
        long n = client.forEachTuple(t -> {
            fingerprint.add(t);
            String line = t.fingerprintLine();
            if (wanted.containsKey(line)) {
                present.add(line);
            } else {
                removed.add(t);
            }
        });
        List<TupleRecord> added = new ArrayList<>();
        wanted.forEach((line, t) -> {
            if (!present.contains(line)) {
                added.add(t);
            }
        });
        return new TupleDiff(added, removed, present.size(), n, fingerprint.hex());
    }
}
