package dev.ferry.importer.validate;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.importer.config.UsernameTuples;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.openfga.FgaEntries;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.SubjectFilter;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.stores.openfga.TupleSetFingerprint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runbook §1.6 for OpenFGA: the Target store's tuple set equals the bundle's tuple set after the load's subject filter,
 * the one definition both use ({@link SubjectFilter}). Compared by fingerprint; when they differ, every missing and
 * every extra tuple is named (tuples hold ids only).
 */
final class OpenFgaChecks {
    static final String STORE = StoreKind.OPENFGA.label();

    private final VerifiedBundle bundle;
    private final OpenFgaStoreClient target;
    private final UsernameTuples mode;
    private DroppedTuples dropped = DroppedTuples.NONE;

    OpenFgaChecks(VerifiedBundle bundle, OpenFgaStoreClient target, UsernameTuples mode) {
        this.mode = mode;
        this.bundle = bundle;
        this.target = target;
    }

    /** The Target's tuple lines without their newline, for the cross-store checks. */
    Set<String> run(Checklist checklist, Map<String, Long> actualCounts, Map<String, Long> expectedCounts) {
        Map<String, String> usernames = bundle.stores().contains(StoreKind.KEYCLOAK.label())
                ? KeycloakBundle.read(bundle).usernameToId() : Map.of();
        SubjectFilter.Selection selection = new SubjectFilter(mode == UsernameTuples.MAP, usernames).select();
        Map<String, TupleRecord> expected = new HashMap<>();
        BundleFiles.jsonLines(bundle, STORE, FgaEntries.TUPLES, t -> selection.offer(TupleRecord.fromJson(t))
                .ifPresent(kept -> expected.put(kept.fingerprintLine(), kept)));
        selection.finish().forEach(mapped -> expected.put(mapped.fingerprintLine(), mapped));
        List<String> possibleLoss = new ArrayList<>();
        List<String> withTwin = new ArrayList<>();
        for (TupleRecord t : selection.dropped()) {
            (selection.mayBeLost(t) ? possibleLoss : withTwin).add(t.key());
        }
        Collections.sort(possibleLoss);
        Collections.sort(withTwin);
        dropped = new DroppedTuples(mode.name().toLowerCase(Locale.ROOT), possibleLoss, withTwin);
        expectedCounts.put(CountNames.TUPLES_AFTER_FILTER, (long) expected.size());
        Map<String, TupleRecord> actual = new HashMap<>();
        checklist.run("openfga.tuples", STORE, "Tuple set equals the bundle's filtered set", () -> {
            String expectedFp = fingerprint(expected);
            String expectedText = expected.size() + " tuples, sha256 " + ShortHash.of(expectedFp);
            Differences d = new Differences();
            target.forEachTuple(r -> actual.put(r.fingerprintLine(), r));
            actualCounts.put(CountNames.TUPLES_AFTER_FILTER, (long) actual.size());
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
        return actual.keySet().stream().map(String::strip).collect(Collectors.toSet());
    }

    /** What the load's subject filter dropped from the bundle; known once {@link #run} has read the bundle. */
    DroppedTuples dropped() {
        return dropped;
    }

    /** The tuple-set fingerprint the export defined, over the tuples' fingerprint lines. */
    private static String fingerprint(Map<String, TupleRecord> tuples) {
        TupleSetFingerprint f = new TupleSetFingerprint();
        tuples.values().forEach(f::add);
        return f.hex();
    }
}
