package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds what would make a Keycloak import go wrong, before anything is written (keycloak-findings.md §6b):
 * the same username under another id (SKIP would silently keep the Target's user, OVERWRITE would delete it), the same
 * email under another username (SKIP answers 500 for the whole batch, OVERWRITE deletes the other user), a group path
 * held by another id (team ids are group ids), and ids already used in another realm (ids are database-wide keys).
 */
final class ConflictFinder {
    private final KeycloakClient client;

    ConflictFinder(KeycloakClient client) {
        this.client = client;
    }

    List<String> find(KeycloakBundle bundle, String realm, TargetRealmDirectory target) {
        List<String> conflicts = new ArrayList<>();
        if (target != null) {
            for (ObjectNode u : bundle.users()) {
                String id = u.path("id").asText();
                String username = u.path("username").asText();
                String existing = target.idByUsername.get(username);
                if (existing != null && !existing.equals(id)) {
                    conflicts.add("user '" + username + "' has id " + existing + " on the Target but " + id + " in the bundle");
                }
                String email = u.path("email").asText("").toLowerCase(Locale.ROOT);
                String owner = email.isEmpty() ? null : target.usernameByEmail.get(email);
                if (owner != null && !owner.equals(username)) {
                    conflicts.add("email of bundle user '" + username + "' belongs to Target user '" + owner + "'");
                }
            }
            for (Map.Entry<String, String> g : bundle.groupPathsById().entrySet()) {
                String existing = target.idByGroupPath.get(g.getValue());
                if (existing != null && !existing.equals(g.getKey())) {
                    conflicts.add("group " + g.getValue() + " has id " + existing + " on the Target but " + g.getKey() + " in the bundle");
                }
                String path = target.groupPathById.get(g.getKey());
                if (path != null && !path.equals(g.getValue())) {
                    conflicts.add("group id " + g.getKey() + " is " + path + " on the Target but " + g.getValue() + " in the bundle");
                }
            }
        }
        conflicts.addAll(idsInOtherRealms(bundle, realm));
        return conflicts;
    }

    private List<String> idsInOtherRealms(KeycloakBundle bundle, String realm) {
        Set<String> userIds = new HashSet<>();
        bundle.users().forEach(u -> userIds.add(u.path("id").asText()));
        List<String> found = new ArrayList<>();
        JsonNode realms = client.get("/admin/realms");
        if (realms == null) {
            return found;
        }
        for (JsonNode r : realms) {
            String other = r.path("realm").asText();
            if (other.equals(realm)) {
                continue;
            }
            String otherPath = KeycloakClient.realmPath(other);
            client.forEachUser(other, u -> {
                if (userIds.contains(u.path("id").asText())) {
                    found.add("user id " + u.path("id").asText() + " is already used in realm '" + other + "'");
                }
            });
            for (String groupId : bundle.groupPathsById().keySet()) {
                if (client.get(otherPath + "/groups/" + KeycloakClient.q(groupId)) != null) {
                    found.add("group id " + groupId + " is already used in realm '" + other + "'");
                }
            }
        }
        return found;
    }
}
