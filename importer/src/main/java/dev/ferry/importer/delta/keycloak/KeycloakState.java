package dev.ferry.importer.delta.keycloak;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.importer.config.KeycloakTarget;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a load left in the Target realm, as the journal step {@value #STEP} keeps it: for every user and group the
 * bundle carried, its id and short digests of its state on the Target right after the load (no name, no value).
 * The next load (a delta, or a newer full bundle) decides deletions against these ids, never against the whole
 * Target, and checks against these digests that no one changed those users and groups since.
 *
 * @param users  user id → aspect ({@link UserState#aspectDigests}) → digest
 * @param groups group id → digest
 */
public record KeycloakState(Map<String, Map<String, String>> users, Map<String, String> groups) {
    public static final String STEP = "keycloak.state";
    private static final String USER = "user.";
    private static final String GROUP = "group.";

    /** Reads the Target's users and groups that {@code bundle} carries and journals their state. */
    public static void record(VerifiedBundle bundle, KeycloakTarget target, Journal journal) {
        DesiredRealm desired = new DesiredRealm(KeycloakBundle.read(bundle));
        try (KeycloakClient client = KeycloakClient.open(target.connection())) {
            record(desired, TargetRealm.list(client), journal);
        }
    }

    /**
     * Journals the state of {@code desired}'s users and groups as {@code t} read them: the sync passes the read it
     * made after its writes, so the realm is not read once more for this.
     */
    static void record(DesiredRealm desired, TargetRealm t, Journal journal) {
        Map<String, UserState> users = new LinkedHashMap<>();
        for (String id : desired.users.keySet()) {
            UserState s = t.usernameById.containsKey(id) ? t.user(id) : null;
            if (s != null) {
                users.put(id, s);
            }
        }
        Map<String, GroupState> groups = new LinkedHashMap<>();
        for (String id : desired.groups.keySet()) {
            GroupState g = t.pathByGroupId.containsKey(id) ? t.group(id) : null;
            if (g != null) {
                groups.put(id, g);
            }
        }
        journal.done(STEP, details(users, groups));
    }

    static Map<String, String> details(Map<String, UserState> users, Map<String, GroupState> groups) {
        Map<String, String> d = new LinkedHashMap<>();
        users.forEach((id, s) -> {
            StringBuilder b = new StringBuilder();
            s.aspectDigests().forEach((aspect, digest) -> b.append(b.length() == 0 ? "" : ",").append(aspect).append('=').append(digest));
            d.put(USER + id, b.toString());
        });
        groups.forEach((id, g) -> d.put(GROUP + id, g.digest()));
        return d;
    }

    /** The state a load's journal step recorded. */
    static KeycloakState of(Map<String, String> details) {
        Map<String, Map<String, String>> users = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            if (k.startsWith(USER)) {
                Map<String, String> aspects = new HashMap<>();
                for (String pair : v.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        aspects.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                users.put(k.substring(USER.length()), aspects);
            } else if (k.startsWith(GROUP)) {
                groups.put(k.substring(GROUP.length()), v);
            }
        });
        return new KeycloakState(users, groups);
    }
}
