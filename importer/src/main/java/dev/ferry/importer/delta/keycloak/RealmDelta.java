package dev.ferry.importer.delta.keycloak;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The differences between the Target realm and the bundle's, within what the sync owns: users and groups the bundle
 * carries, and those the earlier load carried that the bundle no longer has (deleted on the Source). Users and groups
 * that only the Target ever had are not the sync's, nor are memberships of Target-only groups or mappings of roles
 * the Source does not define.
 */
final class RealmDelta {
    final List<String> usersAdded = new ArrayList<>();
    /** user id → the aspects that differ ({@link UserState} constants) */
    final Map<String, List<String>> usersChanged = new LinkedHashMap<>();
    final List<String> usersRemoved = new ArrayList<>();
    final List<String> groupsAdded = new ArrayList<>();
    final Map<String, List<String>> groupsChanged = new LinkedHashMap<>();
    /** Deepest first, so a subgroup goes before its parent. */
    final List<String> groupsRemoved = new ArrayList<>();
    /** The Target's full state of the users and groups read (for the write step and the moved check). */
    final Map<String, UserState> targetUsers = new LinkedHashMap<>();
    final Map<String, GroupState> targetGroups = new LinkedHashMap<>();
    final Set<String> knownGroups = new HashSet<>();

    static RealmDelta between(DesiredRealm desired, TargetRealm target, KeycloakState base) {
        RealmDelta d = new RealmDelta();
        d.knownGroups.addAll(desired.groups.keySet());
        d.knownGroups.addAll(base.groups().keySet());
        for (String id : base.groups().keySet()) {
            if (!desired.groups.containsKey(id) && target.pathByGroupId.containsKey(id)) {
                d.groupsRemoved.add(id);
            }
        }
        d.groupsRemoved.sort(Comparator.comparingInt((String id) -> depth(target.pathByGroupId.get(id))).reversed());
        for (String id : base.users().keySet()) {
            if (!desired.users.containsKey(id) && target.usernameById.containsKey(id)) {
                d.usersRemoved.add(id);
            }
        }
        for (Map.Entry<String, GroupState> g : desired.groups.entrySet()) {
            String id = g.getKey();
            if (!target.pathByGroupId.containsKey(id)) {
                d.groupsAdded.add(id);
                continue;
            }
            GroupState now = target.group(id);
            d.targetGroups.put(id, now);
            GroupState scoped = now.within(desired.realmRoles, desired.clientRoles);
            GroupState want = desired.groupsWithoutRoles.contains(id) ? g.getValue().withRolesOf(scoped) : g.getValue();
            List<String> diff = want.differences(scoped);
            if (!diff.isEmpty()) {
                d.groupsChanged.put(id, diff);
            }
        }
        for (String id : base.groups().keySet()) {
            if (!d.targetGroups.containsKey(id) && target.pathByGroupId.containsKey(id)) {
                d.targetGroups.put(id, target.group(id));
            }
        }
        for (Map.Entry<String, UserState> u : desired.users.entrySet()) {
            String id = u.getKey();
            if (!target.usernameById.containsKey(id)) {
                d.usersAdded.add(id);
                continue;
            }
            UserState now = target.user(id);
            d.targetUsers.put(id, now);
            List<String> diff = u.getValue().differences(now.within(d.knownGroups, desired.realmRoles, desired.clientRoles));
            if (!diff.isEmpty()) {
                d.usersChanged.put(id, diff);
            }
        }
        for (String id : base.users().keySet()) {
            if (!d.targetUsers.containsKey(id) && target.usernameById.containsKey(id)) {
                d.targetUsers.put(id, target.user(id));
            }
        }
        return d;
    }

    boolean isEmpty() {
        return usersAdded.isEmpty() && usersChanged.isEmpty() && usersRemoved.isEmpty() && groupsAdded.isEmpty() && groupsChanged.isEmpty()
                && groupsRemoved.isEmpty();
    }

    /**
     * What changed on the Target since the earlier load left it: users and groups that load carried whose state
     * differs from what it recorded, or that are gone. Named by username and path, for the refusal.
     */
    List<String> movedSince(KeycloakState base, TargetRealm target) {
        List<String> moved = new ArrayList<>();
        base.users().forEach((id, recorded) -> {
            UserState now = targetUsers.get(id);
            if (now == null) {
                moved.add("user " + id + " was deleted on the Target");
                return;
            }
            List<String> aspects = new ArrayList<>();
            now.aspectDigests().forEach((aspect, digest) -> {
                if (recorded.containsKey(aspect) && !recorded.get(aspect).equals(digest)) {
                    aspects.add(aspect);
                }
            });
            if (!aspects.isEmpty()) {
                moved.add("user '" + now.username() + "' (" + String.join(", ", aspects) + ")");
            }
        });
        base.groups().forEach((id, recorded) -> {
            GroupState now = targetGroups.get(id);
            if (now == null) {
                moved.add("group " + id + " was deleted on the Target");
            } else if (!recorded.equals(now.digest())) {
                moved.add("group " + now.path());
            }
        });
        return moved;
    }

    /** Usernames, emails and group paths that a user or group to add would take from another Target user or group. */
    List<String> conflicts(DesiredRealm desired, TargetRealm target) {
        Set<String> leaving = new HashSet<>(usersRemoved);
        Map<String, String> idByUsername = new LinkedHashMap<>();
        Map<String, String> idByEmail = new LinkedHashMap<>();
        target.usernameById.forEach((id, name) -> {
            if (!leaving.contains(id)) {
                idByUsername.put(name, id);
            }
        });
        target.emailById.forEach((id, email) -> {
            if (!leaving.contains(id) && !email.isEmpty()) {
                idByEmail.put(email, id);
            }
        });
        List<String> conflicts = new ArrayList<>();
        for (String id : usersAdded) {
            UserState u = desired.users.get(id);
            String other = idByUsername.get(u.username());
            if (other != null) {
                conflicts.add("user '" + u.username() + "' has id " + other + " on the Target but " + id + " in the bundle");
            }
            String owner = u.email().isEmpty() ? null : idByEmail.get(u.email().toLowerCase(Locale.ROOT));
            if (owner != null) {
                conflicts.add("the email of bundle user '" + u.username() + "' belongs to Target user '" + target.usernameById.get(owner) + "'");
            }
        }
        Set<String> goingGroups = new HashSet<>(groupsRemoved);
        for (String id : groupsAdded) {
            String path = desired.groups.get(id).path();
            String other = target.groupIdByPath.get(path);
            if (other != null && !goingGroups.contains(other)) {
                conflicts.add("group " + path + " has id " + other + " on the Target but " + id + " in the bundle");
            }
        }
        return conflicts;
    }

    private static int depth(String path) {
        return path == null ? 0 : (int) path.chars().filter(c -> c == '/').count();
    }
}
