package dev.ferry.importer.validate;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.stores.openfga.TupleSetFingerprint;
import dev.ferry.importer.config.UsernameTuples;
import dev.ferry.importer.keycloak.KeycloakBundle;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runbook §1.6 for OpenFGA: the Target store's tuple set equals the bundle's tuple set after the load's filter
 * (UUID-form user subjects and the wildcard; username subjects
 * mapped to ids when the load was told to map them). Compared by fingerprint; when they differ, every missing and every
 * extra tuple is named (tuples hold ids only).
 */
final class OpenFgaChecks {
    static final String STORE = "openfga";

    private final VerifiedBundle bundle;
    private final TargetOpenFga target;
    private final UsernameTuples mode;

    OpenFgaChecks(VerifiedBundle bundle, TargetOpenFga target, UsernameTuples mode) {
        this.mode = mode;
        this.bundle = bundle;
        this.target = target;
    }

    /** The Target's tuple lines without their newline, for the cross-store checks. */
    Set<String> run(Checklist checklist, Map<String, Long> actualCounts, Map<String, Long> expectedCounts) {
        Map<String, TupleRecord> expected = new HashMap<>();
        Map<String, String> usernames = mode == UsernameTuples.MAP && bundle.stores().contains(KeycloakBundle.STORE)
                ? KeycloakBundle.read(bundle).usernameToId() : Map.of();
        BundleFiles.jsonLines(bundle, STORE, "tuples.jsonl", t -> {
            TupleRecord tuple = TupleRecord.fromJson(t);
            if (!tuple.isUsernameForm()) {
                expected.put(tuple.fingerprintLine(), tuple);
                return;
            }
            String id = usernames.get(tuple.user().substring("user:".length()));
            if (id != null) {
                // The load's mapping (usernameTuples: map): the username subject rewritten to the user's id.
                TupleRecord m = new TupleRecord("user:" + id, tuple.relation(), tuple.object(), tuple.condition(), null);
                expected.put(m.fingerprintLine(), m);
            }
        });
        expectedCounts.put("tuples:after-filter", (long) expected.size());
        Map<String, TupleRecord> actual = new HashMap<>();
        checklist.run("openfga.tuples", STORE, "Tuple set equals the bundle's filtered set", () -> {
            String expectedFp = fingerprint(expected);
            String expectedText = expected.size() + " tuples, sha256 " + ShortHash.of(expectedFp);
            Differences d = new Differences();
            target.forEachTuple(t -> {
                TupleRecord r = TupleRecord.fromJson(t);
                actual.put(r.fingerprintLine(), r);
            });
            actualCounts.put("tuples:after-filter", (long) actual.size());
            String actualFp = fingerprint(actual);
            if (!actualFp.equals(expectedFp)) {
                for (String line : new TreeSet<>(expected.keySet())) {
                    if (!actual.containsKey(line)) {
                        d.add("tuple " + line.strip() + " is in the bundle but missing on the Target");
                    }
                }
                for (String line : new TreeSet<>(actual.keySet())) {
                    if (!expected.containsKey(line)) {
                        d.add("tuple " + line.strip() + " is on the Target but not in the bundle");
                    }
                }
            }
            return Outcome.of(expectedText, actual.size() + " tuples, sha256 " + ShortHash.of(actualFp) + " (store " + target.storeId() + ")", d);
        });
        return actual.keySet().stream().map(String::strip).collect(java.util.stream.Collectors.toSet());
    }

    /** The exporter's tuple-set fingerprint over fingerprint lines (each already newline-terminated). */
    private static String fingerprint(Map<String, TupleRecord> tuples) {
        TupleSetFingerprint f = new TupleSetFingerprint();
        tuples.values().forEach(f::add);
        return f.hex();
    }
}
