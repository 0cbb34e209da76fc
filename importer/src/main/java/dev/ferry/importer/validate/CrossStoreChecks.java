package dev.ferry.importer.validate;

import dev.ferry.stores.objects.ObjectStoreClient;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The invariants that tie the stores together on the Target, which no single-store check sees:
 * every team in the tuples is a Keycloak group, every {@code document:} tuple has a metadata row, and every metadata
 * row has its objects under {@code <document_uid>/} in the documents bucket.
 */
final class CrossStoreChecks {
    static final String STORE = "cross-store";
    /** A literal team kea uses for personal resources; it is not a Keycloak group (fred-stores.md §3.1). */
    private static final String PERSONAL_TEAM = "personal";

    private final Set<String> targetTuples;
    private final Set<String> targetGroupIds;
    private final Consumer<Consumer<String>> metadataUids;
    private final ObjectStoreClient objects;
    private final String documentsBucket;

    /**
     * @param targetTuples    the Target's tuple lines, null when they could not be read
     * @param targetGroupIds  the Target's group ids, null when they could not be read
     * @param metadataUids    streams the Target's metadata.document_uid values, null when PostgreSQL is not validated
     * @param objects         the Target object storage, null when objects are not validated
     * @param documentsBucket the Target's documents bucket, null when the bundle carries none
     */
    CrossStoreChecks(Set<String> targetTuples, Set<String> targetGroupIds, Consumer<Consumer<String>> metadataUids,
            ObjectStoreClient objects, String documentsBucket) {
        this.targetTuples = targetTuples;
        this.targetGroupIds = targetGroupIds;
        this.metadataUids = metadataUids;
        this.objects = objects;
        this.documentsBucket = documentsBucket;
    }

    void run(Checklist checklist) {
        if (targetTuples != null && targetGroupIds != null) {
            checklist.run("cross.teams-are-groups", STORE, "Every team in the tuples is a Keycloak group", this::teamsAreGroups);
        }
        if (targetTuples != null && metadataUids != null) {
            checklist.run("cross.documents-have-metadata", STORE, "Every document tuple has a metadata row", this::documentsHaveMetadata);
        }
        if (metadataUids != null && objects != null) {
            checklist.run("cross.metadata-has-objects", STORE, "Every metadata row has its objects in the documents bucket",
                    this::metadataHasObjects);
        }
    }

    private Outcome teamsAreGroups() {
        Set<String> teams = new TreeSet<>();
        for (String line : targetTuples) {
            addId(objectOf(line), "team", teams);
            addId(userOf(line), "team", teams);
        }
        teams.remove(PERSONAL_TEAM);
        Differences d = new Differences();
        teams.stream().filter(t -> !targetGroupIds.contains(t))
                .forEach(t -> d.add("team:" + t + " appears in tuples but is not a Keycloak group on the Target"));
        return Outcome.of(teams.size() + " teams, all groups", (teams.size() - d.total()) + " are groups", d);
    }

    private Outcome documentsHaveMetadata() {
        Set<String> documents = new TreeSet<>();
        for (String line : targetTuples) {
            addId(objectOf(line), "document", documents);
        }
        Set<String> rows = new java.util.HashSet<>();
        metadataUids.accept(rows::add);
        Differences d = new Differences();
        documents.stream().filter(doc -> !rows.contains(doc))
                .forEach(doc -> d.add("document:" + doc + " has tuples but no metadata row on the Target"));
        return Outcome.of(documents.size() + " documents with rows", (documents.size() - d.total()) + " with rows", d);
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

    static String objectOf(String line) {
        return line.substring(0, line.indexOf('#'));
    }

    static String userOf(String line) {
        int at = line.indexOf('@', line.indexOf('#'));
        int bar = line.indexOf('|', at);
        String user = bar < 0 ? line.substring(at + 1) : line.substring(at + 1, bar);
        int hash = user.indexOf('#');
        return hash < 0 ? user : user.substring(0, hash);
    }

    private static void addId(String ref, String type, Set<String> out) {
        if (ref.startsWith(type + ":")) {
            out.add(ref.substring(type.length() + 1));
        }
    }
}
