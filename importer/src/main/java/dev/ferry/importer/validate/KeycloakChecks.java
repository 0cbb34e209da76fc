package dev.ferry.importer.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.importer.keycloak.KeycloakBundle;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runbook §1.6 for Keycloak: the bundle's groups and users are on the Target with the same ids, and every group's
 * membership among the bundle's users is the same. Users and groups the Target has in addition (a merged realm) are
 * not differences. Users are named by id: the report may travel further than the realm's user list.
 */
final class KeycloakChecks {
    static final String STORE = "keycloak";

    private final VerifiedBundle bundle;
    private final TargetKeycloak target;

    KeycloakChecks(VerifiedBundle bundle, TargetKeycloak target) {
        this.bundle = bundle;
        this.target = target;
    }

    /** What the Target's group ids turned out to be, for the cross-store checks; empty if they could not be read. */
    Set<String> run(Checklist checklist, Map<String, Long> actualCounts) {
        // The load's own reading of the bundle, so both agree on what the realm holds.
        KeycloakBundle carried = KeycloakBundle.read(bundle);
        Map<String, String> bundleGroups = new TreeMap<>(carried.groupPathsById());
        Map<String, String> bundleUsers = new TreeMap<>();
        Map<String, Set<String>> bundleMembers = new HashMap<>();
        for (JsonNode u : carried.users()) {
            String id = u.path("id").asText();
            bundleUsers.put(id, u.path("username").asText());
            u.path("ferryGroupIds").forEach(g -> bundleMembers.computeIfAbsent(g.asText(), k -> new TreeSet<>()).add(id));
        }

        Set<String> targetGroupIds = new HashSet<>();
        Map<String, String> targetGroups = new HashMap<>();
        checklist.run("keycloak.groups", STORE, "Groups (teams) present with the same ids", () -> {
            Differences d = new Differences();
            try {
                targetGroups.putAll(target.groups());
            } catch (MissingOnTarget e) {
                d.add(e.getMessage());
                return Outcome.of(bundleGroups.size() + " groups", "no realm", d);
            }
            targetGroupIds.addAll(targetGroups.keySet());
            long found = 0;
            for (var g : bundleGroups.entrySet()) {
                String path = targetGroups.get(g.getKey());
                if (path == null) {
                    d.add("group " + g.getKey() + " (" + g.getValue() + ") is missing on the Target");
                } else {
                    found++;
                    if (!path.equals(g.getValue())) {
                        d.add("group " + g.getKey() + " has path " + path + " on the Target, " + g.getValue() + " in the bundle");
                    }
                }
            }
            actualCounts.put("groups", found);
            return Outcome.of(bundleGroups.size() + " groups", found + " of them present", d);
        });

        Map<String, String> targetUsers = new HashMap<>();
        checklist.run("keycloak.users", STORE, "Users present with the same ids and usernames", () -> {
            Differences d = new Differences();
            try {
                targetUsers.putAll(target.users());
            } catch (MissingOnTarget e) {
                d.add(e.getMessage());
                return Outcome.of(bundleUsers.size() + " users", "no realm", d);
            }
            long found = 0;
            for (var u : bundleUsers.entrySet()) {
                String username = targetUsers.get(u.getKey());
                if (username == null) {
                    d.add("user " + u.getKey() + " is missing on the Target");
                } else {
                    found++;
                    if (!username.equals(u.getValue())) {
                        d.add("user " + u.getKey() + " has another username on the Target than in the bundle");
                    }
                }
            }
            actualCounts.put("users", found);
            return Outcome.of(bundleUsers.size() + " users", found + " of them present", d);
        });

        checklist.run("keycloak.memberships", STORE, "Group memberships equal the bundle's", () -> {
            Differences d = new Differences();
            long expected = bundleMembers.values().stream().mapToLong(Set::size).sum();
            long actual = 0;
            Set<String> groups = new TreeSet<>(bundleMembers.keySet());
            groups.addAll(bundleGroups.keySet());
            for (String groupId : groups) {
                Set<String> want = bundleMembers.getOrDefault(groupId, Set.of());
                Set<String> have = new TreeSet<>();
                if (targetGroupIds.contains(groupId)) {
                    for (String member : target.members(groupId)) {
                        if (bundleUsers.containsKey(member)) {
                            have.add(member);
                        }
                    }
                }
                actual += have.size();
                String label = "group " + groupId + " (" + bundleGroups.getOrDefault(groupId, "?") + ")";
                for (String u : want) {
                    if (!have.contains(u)) {
                        d.add("user " + u + " is a member of " + label + " in the bundle but not on the Target");
                    }
                }
                for (String u : have) {
                    if (!want.contains(u)) {
                        d.add("user " + u + " is a member of " + label + " on the Target but not in the bundle");
                    }
                }
            }
            actualCounts.put("memberships", actual);
            return Outcome.of(expected + " memberships", actual + " memberships", d);
        });
        return targetGroupIds;
    }
}
