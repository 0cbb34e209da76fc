package dev.ferry.importer.delta.keycloak;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the sync makes equal for one group: its place in the tree, attributes and direct role mappings (by name).
 *
 * @param parentId the parent group's id, or "" for a root group (a kea team)
 */
record GroupState(String name, String path, String parentId, SortedMap<String, List<String>> attributes, SortedSet<String> realmRoles,
        SortedMap<String, SortedSet<String>> clientRoles) {

    String digest() {
        return StateDigest.of(List.of(name, parentId, attributes, realmRoles, clientRoles));
    }

    /** What differs from {@code other}: "place" (name or parent), "attributes", "roles". */
    List<String> differences(GroupState other) {
        List<String> d = new java.util.ArrayList<>();
        if (!name.equals(other.name) || !parentId.equals(other.parentId)) {
            d.add("place");
        }
        if (!attributes.equals(other.attributes)) {
            d.add("attributes");
        }
        if (!realmRoles.equals(other.realmRoles) || !clientRoles.equals(other.clientRoles)) {
            d.add("roles");
        }
        return d;
    }

    /** This group with {@code other}'s role mappings. */
    GroupState withRolesOf(GroupState other) {
        return new GroupState(name, path, parentId, attributes, other.realmRoles, other.clientRoles);
    }

    /** Role mappings limited to the roles the Source defines (the Target's own roles stay). */
    GroupState within(Set<String> knownRealmRoles, Map<String, Set<String>> knownClientRoles) {
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
        return new GroupState(name, path, parentId, attributes, realm, clients);
    }
}
