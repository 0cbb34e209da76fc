package dev.ferry.importer.keycloak;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Whether a Target realm holds the bundle's groups, users and memberships: one definition for the load's read-back
 * and for validate (runbook §1.6), so the two cannot disagree on what "landed" means. Users and groups the Target has
 * in addition (a merged realm) are not differences, nor are memberships of users the bundle does not carry. Users are
 * named by id: a validation report may travel further than the realm's user list.
 */
public final class RealmComparison {
    private RealmComparison() {
    }

    /**
     * Every bundle group present with its id and path; hands each difference to {@code difference}.
     *
     * @return the number of bundle groups present on the Target
     */
    public static long groups(KeycloakBundle bundle, Map<String, String> targetPathsById, Consumer<String> difference) {
        long found = 0;
        for (Map.Entry<String, String> g : new TreeMap<>(bundle.groupPathsById()).entrySet()) {
            String path = targetPathsById.get(g.getKey());
            if (path == null) {
                difference.accept("group " + g.getKey() + " (" + g.getValue() + ") is missing on the Target");
            } else {
                found++;
                if (!path.equals(g.getValue())) {
                    difference.accept("group " + g.getKey() + " has path " + path + " on the Target, " + g.getValue() + " in the bundle");
                }
            }
        }
        return found;
    }

    /**
     * Every bundle user present with its id and username.
     *
     * @return the number of bundle users present on the Target
     */
    public static long users(KeycloakBundle bundle, Map<String, String> targetUsernamesById, Consumer<String> difference) {
        long found = 0;
        for (Map.Entry<String, String> u : bundle.usernamesById().entrySet()) {
            String username = targetUsernamesById.get(u.getKey());
            if (username == null) {
                difference.accept("user " + u.getKey() + " is missing on the Target");
            } else {
                found++;
                if (!username.equals(u.getValue())) {
                    difference.accept("user " + u.getKey() + " has another username on the Target than in the bundle");
                }
            }
        }
        return found;
    }

    /**
     * Every bundle group's members among the bundle's users equal on both sides.
     *
     * @param targetGroupIds the groups the Target has (a missing group has no members)
     * @param membersOf      the ids of a Target group's direct members
     * @return the number of memberships of bundle users found on the Target
     */
    public static long memberships(KeycloakBundle bundle, Set<String> targetGroupIds, Function<String, Set<String>> membersOf,
            Consumer<String> difference) {
        Map<String, String> paths = bundle.groupPathsById();
        Map<String, Set<String>> bundleMembers = bundle.memberIdsByGroup();
        Set<String> bundleUsers = bundle.usernamesById().keySet();
        Set<String> groups = new TreeSet<>(bundleMembers.keySet());
        groups.addAll(paths.keySet());
        long found = 0;
        for (String groupId : groups) {
            Set<String> want = bundleMembers.getOrDefault(groupId, Set.of());
            Set<String> have = new TreeSet<>();
            if (targetGroupIds.contains(groupId)) {
                for (String member : membersOf.apply(groupId)) {
                    if (bundleUsers.contains(member)) {
                        have.add(member);
                    }
                }
            }
            found += have.size();
            String label = "group " + groupId + " (" + paths.getOrDefault(groupId, "?") + ")";
            for (String u : want) {
                if (!have.contains(u)) {
                    difference.accept("user " + u + " is a member of " + label + " in the bundle but not on the Target");
                }
            }
            for (String u : have) {
                if (!want.contains(u)) {
                    difference.accept("user " + u + " is a member of " + label + " on the Target but not in the bundle");
                }
            }
        }
        return found;
    }

    /** The number of memberships the bundle carries. */
    public static long carriedMemberships(KeycloakBundle bundle) {
        return bundle.memberIdsByGroup().values().stream().mapToLong(Set::size).sum();
    }
}
