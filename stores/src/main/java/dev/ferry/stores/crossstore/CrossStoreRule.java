package dev.ferry.stores.crossstore;

import java.util.List;
import java.util.Set;

/**
 * The invariants that tie kea's stores together, which no single-store check sees. Pure rules over what each store
 * holds: the exporter's plan runs them on the Source (so a problem is known before the window) and validate runs them
 * on the Target, with the same code and the same words.
 */
public enum CrossStoreRule {
    /** Every team in the tuples is a Keycloak root group: kea's teams are the realm's top-level groups. */
    TEAMS_ARE_ROOT_GROUPS("cross.teams-are-groups", "Every team in the tuples is a Keycloak root group") {
        @Override
        public String problem(String id, String side) {
            return "team:" + id + " appears in tuples but is not a Keycloak root group on the " + side;
        }
    },
    /** Every document named by a tuple has its row in the metadata table. */
    DOCUMENTS_HAVE_METADATA("cross.documents-have-metadata", "Every document tuple has a metadata row") {
        @Override
        public String problem(String id, String side) {
            return "document:" + id + " has tuples but no metadata row on the " + side;
        }
    };

    private final String id;
    private final String title;

    CrossStoreRule(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The sentence for one offending id; {@code side} is "Source" or "Target". */
    public abstract String problem(String id, String side);

    /** The teams of {@code refs} that are not among {@code rootGroupIds}, sorted. */
    public static List<String> teamsNotRootGroups(TupleReferences refs, Set<String> rootGroupIds) {
        return refs.teams().stream().filter(t -> !rootGroupIds.contains(t)).toList();
    }

    /** The documents of {@code refs} without a metadata row ({@code metadataUids}: metadata.document_uid), sorted. */
    public static List<String> documentsWithoutMetadata(TupleReferences refs, Set<String> metadataUids) {
        return refs.documents().stream().filter(d -> !metadataUids.contains(d)).toList();
    }
}
