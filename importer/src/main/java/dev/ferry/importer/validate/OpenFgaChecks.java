package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.importer.config.UsernameTuples;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.importer.openfga.SubjectForm;
import java.util.HashSet;
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
    private final String journalStoreId;
    private final String storeName;
    private final UsernameTuples mode;

    OpenFgaChecks(VerifiedBundle bundle, TargetOpenFga target, String journalStoreId, String storeName, UsernameTuples mode) {
        this.mode = mode;
        this.bundle = bundle;
        this.target = target;
        this.journalStoreId = journalStoreId;
        this.storeName = storeName;
    }

    /** The Target's tuple lines, for the cross-store checks; empty if they could not be read. */
    Set<String> run(Checklist checklist, Map<String, Long> actualCounts, Map<String, Long> expectedCounts) {
        Set<String> expected = new HashSet<>();
        Map<String, String> usernames = mode == UsernameTuples.MAP && bundle.stores().contains(KeycloakBundle.STORE)
                ? KeycloakBundle.read(bundle).usernameToId() : Map.of();
        BundleFiles.jsonLines(bundle, STORE, "tuples.jsonl", t -> {
            String user = t.path("user").asText();
            if (SubjectForm.of(user).kept()) {
                expected.add(TupleLines.line(t));
            } else if (usernames.containsKey(SubjectForm.username(user))) {
                // The load's mapping: the username subject rewritten to the user's id (load option usernameTuples: map).
                ((ObjectNode) t).put("user", user.replaceFirst("^user:[^#]+", "user:" + usernames.get(SubjectForm.username(user))));
                expected.add(TupleLines.line(t));
            }
        });
        expectedCounts.put("tuples:after-filter", (long) expected.size());
        Set<String> actual = new HashSet<>();
        checklist.run("openfga.tuples", STORE, "Tuple set equals the bundle's filtered set", () -> {
            String expectedFp = TupleLines.fingerprint(expected);
            String expectedText = expected.size() + " tuples, sha256 " + ShortHash.of(expectedFp);
            Differences d = new Differences();
            String storeId;
            try {
                storeId = target.resolveStore(journalStoreId, storeName);
            } catch (MissingOnTarget e) {
                d.add(e.getMessage());
                return Outcome.of(expectedText, "no store", d);
            }
            target.forEachTuple(storeId, t -> actual.add(TupleLines.line(t)));
            actualCounts.put("tuples:after-filter", (long) actual.size());
            String actualFp = TupleLines.fingerprint(actual);
            if (!actualFp.equals(expectedFp)) {
                for (String line : new TreeSet<>(expected)) {
                    if (!actual.contains(line)) {
                        d.add("tuple " + line + " is in the bundle but missing on the Target");
                    }
                }
                for (String line : new TreeSet<>(actual)) {
                    if (!expected.contains(line)) {
                        d.add("tuple " + line + " is on the Target but not in the bundle");
                    }
                }
            }
            return Outcome.of(expectedText, actual.size() + " tuples, sha256 " + ShortHash.of(actualFp) + " (store " + storeId + ")", d);
        });
        return actual;
    }
}
