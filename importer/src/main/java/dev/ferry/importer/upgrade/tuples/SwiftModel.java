package dev.ferry.importer.upgrade.tuples;

import java.util.Map;
import java.util.Set;

/**
 * The directly assignable relations of swift's authorization model (docs/reference/fred-stores.md §3.2) with their allowed subject
 * types: OpenFGA refuses any other write, so the upgrade checks every tuple against this table before it writes it.
 * {@code user:*} stands for the typed wildcard. The test fixture {@code tests/src/main/resources/swift/swift-model.json}
 * states the same relations, and a unit test holds the two together.
 */
public final class SwiftModel {
    /** type → relation → allowed subject types. */
    static final Map<String, Map<String, Set<String>>> ASSIGNABLE = Map.of(
            "organization", Map.of(
                    "platform_admin", Set.of("user"),
                    "platform_observer", Set.of("user")),
            "team", Map.of(
                    "organization", Set.of("organization"),
                    "team_admin", Set.of("user"),
                    "team_editor", Set.of("user"),
                    "team_analyst", Set.of("user"),
                    "team_member", Set.of("user"),
                    "public", Set.of("user:*")),
            "agent", Map.of("owner", Set.of("user", "team")),
            "tag", Map.of(
                    "owner", Set.of("user", "team"),
                    "editor", Set.of("user", "team"),
                    "viewer", Set.of("user", "team"),
                    "parent", Set.of("tag")),
            "document", Map.of("parent", Set.of("tag")),
            "resource", Map.of("parent", Set.of("tag")),
            "capability", Map.of(
                    "organization", Set.of("organization"),
                    "default_on", Set.of("organization"),
                    "enabled", Set.of("team"),
                    "disabled", Set.of("team"),
                    "personal_on", Set.of("organization"),
                    "personal_disabled", Set.of("organization")));

    private SwiftModel() {
    }

    /** Whether OpenFGA would accept this tuple under swift's model. */
    public static boolean accepts(FgaTuple t) {
        Set<String> subjects = ASSIGNABLE.getOrDefault(t.objectType(), Map.of()).get(t.relation());
        if (subjects == null || t.isUserset() || t.objectId().isEmpty() || t.userId().isEmpty()) {
            return false;
        }
        return subjects.contains(t.isWildcard() ? "user:*" : t.userType());
    }

    /** The table, for the fixture check. */
    public static Map<String, Map<String, Set<String>>> assignable() {
        return ASSIGNABLE;
    }
}
