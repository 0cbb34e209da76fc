package dev.ferry.importer.validate;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.importer.keycloak.KeycloakBundle;
import dev.ferry.importer.keycloak.RealmComparison;
import dev.ferry.stores.CountNames;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runbook §1.6 for Keycloak: the bundle's groups and users are on the Target with the same ids, and every group's
 * membership among the bundle's users is the same, by the definition the load's read-back uses too
 * ({@link RealmComparison}). Users and groups the Target has in addition (a merged realm) are not differences.
 */
final class KeycloakChecks {
    static final String STORE = StoreKind.KEYCLOAK.label();

    private final VerifiedBundle bundle;
    private final KeycloakClient target;

    KeycloakChecks(VerifiedBundle bundle, KeycloakClient target) {
        this.bundle = bundle;
        this.target = target;
    }

    /** The Target's root group ids (kea's teams), for the cross-store checks. */
    Set<String> run(Checklist checklist, Map<String, Long> actualCounts) {
        // The load's own reading of the bundle, so both agree on what the realm holds.
        KeycloakBundle carried = KeycloakBundle.read(bundle);
        Set<String> targetGroupIds = new HashSet<>();
        Set<String> rootGroupIds = new HashSet<>();
        checklist.run("keycloak.groups", STORE, "Groups (teams) present with the same ids", () -> {
            Differences d = new Differences();
            Map<String, String> groups = target.groupPathsById();
            targetGroupIds.addAll(groups.keySet());
            // The cross-store checks count teams as kea does: the realm's root groups.
            groups.forEach((id, path) -> {
                if (path.lastIndexOf('/') == 0) {
                    rootGroupIds.add(id);
                }
            });
            long found = RealmComparison.groups(carried, groups, d::add);
            actualCounts.put(CountNames.GROUPS, found);
            return Outcome.of(carried.groupPathsById().size() + " groups", found + " of them present", d);
        });
        checklist.run("keycloak.users", STORE, "Users present with the same ids and usernames", () -> {
            Differences d = new Differences();
            long found = RealmComparison.users(carried, target.usernamesById(), d::add);
            actualCounts.put(CountNames.USERS, found);
            return Outcome.of(carried.users().size() + " users", found + " of them present", d);
        });
        checklist.run("keycloak.memberships", STORE, "Group memberships equal the bundle's", () -> {
            Differences d = new Differences();
            long found = RealmComparison.memberships(carried, targetGroupIds, target::memberIds, d::add);
            actualCounts.put(CountNames.MEMBERSHIPS, found);
            return Outcome.of(RealmComparison.carriedMemberships(carried) + " memberships", found + " memberships", d);
        });
        return rootGroupIds;
    }
}
