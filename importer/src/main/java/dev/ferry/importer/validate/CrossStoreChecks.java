package dev.ferry.importer.validate;

import dev.ferry.stores.crossstore.CrossStoreRule;
import dev.ferry.stores.crossstore.TupleReferences;
import dev.ferry.stores.objects.BucketListings;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The invariants that tie the stores together on the Target, which no single-store check sees: the rules shared with
 * the exporter's plan ({@link CrossStoreRule}: every team in the tuples is a Keycloak root group, every
 * {@code document:} tuple has a metadata row), and every metadata row has its objects under {@code <document_uid>/} in
 * the documents bucket.
 */
final class CrossStoreChecks {
    static final String STORE = "cross-store";
    private static final String SIDE = "Target";

    private final Set<String> targetTuples;
    private final Set<String> targetGroupIds;
    private final Consumer<Consumer<String>> metadataUids;
    private final BucketListings objects;
    private final String documentsBucket;

    /**
     * @param targetTuples    the Target's tuple lines, null when they could not be read
     * @param targetGroupIds  the Target's root group ids (kea's teams), null when they could not be read
     * @param metadataUids    streams the Target's metadata.document_uid values, null when PostgreSQL is not validated
     * @param objects         the Target buckets as listed, null when objects are not validated
     * @param documentsBucket the Target's documents bucket, null when the bundle carries none
     */
    CrossStoreChecks(Set<String> targetTuples, Set<String> targetGroupIds, Consumer<Consumer<String>> metadataUids,
            BucketListings objects, String documentsBucket) {
        this.targetTuples = targetTuples;
        this.targetGroupIds = targetGroupIds;
        this.metadataUids = metadataUids;
        this.objects = objects;
        this.documentsBucket = documentsBucket;
    }

    void run(Checklist checklist) {
        if (targetTuples != null && targetGroupIds != null) {
            checklist.run(CrossStoreRule.TEAMS_ARE_ROOT_GROUPS.id(), STORE, CrossStoreRule.TEAMS_ARE_ROOT_GROUPS.title(), this::teamsAreGroups);
        }
        if (targetTuples != null && metadataUids != null) {
            checklist.run(CrossStoreRule.DOCUMENTS_HAVE_METADATA.id(), STORE, CrossStoreRule.DOCUMENTS_HAVE_METADATA.title(),
                    this::documentsHaveMetadata);
        }
        if (metadataUids != null && objects != null) {
            checklist.run("cross.metadata-has-objects", STORE, "Every metadata row has its objects in the documents bucket",
                    this::metadataHasObjects);
        }
    }

    private Outcome teamsAreGroups() {
        TupleReferences refs = references();
        Differences d = new Differences();
        CrossStoreRule.teamsNotRootGroups(refs, targetGroupIds).forEach(t -> d.add(CrossStoreRule.TEAMS_ARE_ROOT_GROUPS.problem(t, SIDE)));
        int teams = refs.teams().size();
        return Outcome.of(teams + " teams, all root groups", (teams - d.total()) + " are root groups", d);
    }

    private Outcome documentsHaveMetadata() {
        TupleReferences refs = references();
        Set<String> rows = new java.util.HashSet<>();
        metadataUids.accept(rows::add);
        Differences d = new Differences();
        CrossStoreRule.documentsWithoutMetadata(refs, rows).forEach(doc -> d.add(CrossStoreRule.DOCUMENTS_HAVE_METADATA.problem(doc, SIDE)));
        int documents = refs.documents().size();
        return Outcome.of(documents + " documents with rows", (documents - d.total()) + " with rows", d);
    }

    private TupleReferences references() {
        TupleReferences refs = new TupleReferences();
        targetTuples.forEach(refs::add);
        return refs;
    }

    private Outcome metadataHasObjects() {
        Differences d = new Differences();
        long[] rows = {0};
        if (documentsBucket == null) {
            metadataUids.accept(uid -> {
                rows[0]++;
                d.add("metadata row " + uid + " has no documents bucket to hold its objects: the bundle carries no *-documents bucket");
            });
            return Outcome.of(rows[0] + " rows with objects", "no documents bucket", d);
        }
        metadataUids.accept(uid -> {
            rows[0]++;
            if (!objects.anyUnder(documentsBucket, uid + "/")) {
                d.add("metadata row " + uid + " has no object under " + uid + "/ in bucket " + documentsBucket);
            }
        });
        return Outcome.of(rows[0] + " rows with objects", (rows[0] - d.total()) + " rows with objects", d);
    }
}
