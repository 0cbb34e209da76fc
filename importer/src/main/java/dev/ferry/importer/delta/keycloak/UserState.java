package dev.ferry.importer.delta.keycloak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the sync makes equal for one user, in the same shape whether read from the Target or taken from the bundle.
 *
 * @param groupIds    the groups the user is a direct member of, by id
 * @param realmRoles  direct realm role mappings, by name (role ids differ between realms: docs/reference/keycloak.md §10.5)
 * @param clientRoles direct client role mappings, clientId → role names
 * @param password    the password credential's createdDate ("none" without one), or null when not known (the bundle
 *                    carries no hash: API export)
 */
record UserState(String username, String email, String firstName, String lastName, boolean enabled, boolean emailVerified,
        SortedSet<String> requiredActions, SortedMap<String, List<String>> attributes, SortedSet<String> groupIds,
        SortedSet<String> realmRoles, SortedMap<String, SortedSet<String>> clientRoles, String password) {

    static final String PROFILE = "profile";
    static final String ATTRIBUTES = "attributes";
    static final String GROUPS = "groups";
    static final String ROLES = "roles";
    static final String PASSWORD = "password";

    /** Aspect → short digest; what the journal keeps per user. */
    Map<String, String> aspectDigests() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PROFILE, StateDigest.of(List.of(username, email, nz(firstName), nz(lastName), enabled, emailVerified, requiredActions)));
        m.put(ATTRIBUTES, StateDigest.of(attributes));
        m.put(GROUPS, StateDigest.of(groupIds));
        m.put(ROLES, StateDigest.of(List.of(realmRoles, clientRoles)));
        m.put(PASSWORD, StateDigest.of(nz(password)));
        return m;
    }

    /** The aspects in which {@code other} differs; the password only when both sides know it. */
    List<String> differences(UserState other) {
        List<String> d = new ArrayList<>();
        if (!Objects.equals(username, other.username) || !Objects.equals(email, other.email)
                || !Objects.equals(nz(firstName), nz(other.firstName)) || !Objects.equals(nz(lastName), nz(other.lastName))
                || enabled != other.enabled || emailVerified != other.emailVerified || !requiredActions.equals(other.requiredActions)) {
            d.add(PROFILE);
        }
        if (!attributes.equals(other.attributes)) {
            d.add(ATTRIBUTES);
        }
        if (!groupIds.equals(other.groupIds)) {
            d.add(GROUPS);
        }
        if (!realmRoles.equals(other.realmRoles) || !clientRoles.equals(other.clientRoles)) {
            d.add(ROLES);
        }
        if (password != null && other.password != null && !password.equals(other.password)) {
            d.add(PASSWORD);
        }
        return d;
    }

    /**
     * This Target state seen through what the Source knows: memberships only of the groups the Source (or the base)
     * had, role mappings only of the roles the Source defines. Target-only groups and roles are the Target's own.
     */
    UserState within(Set<String> knownGroups, Set<String> knownRealmRoles, Map<String, Set<String>> knownClientRoles) {
        SortedSet<String> groups = new TreeSet<>(groupIds);
        groups.retainAll(knownGroups);
        SortedSet<String> realm = new TreeSet<>(realmRoles);
        realm.retainAll(knownRealmRoles);
        SortedMap<String, SortedSet<String>> clients = new TreeMap<>();
        clientRoles.forEach((client, names) -> {
            SortedSet<String> kept = new TreeSet<>(names);
            kept.retainAll(knownClientRoles.getOrDefault(client, Set.of()));
            if (!kept.isEmpty()) {
                clients.put(client, kept);
            }
        });
        return new UserState(username, email, firstName, lastName, enabled, emailVerified, requiredActions, attributes, groups, realm,
                clients, password);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
