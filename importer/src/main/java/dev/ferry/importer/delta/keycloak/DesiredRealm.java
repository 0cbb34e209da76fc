package dev.ferry.importer.delta.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.keycloak.KeycloakBundle;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The realm as the bundle says it must end on the Target: every carried user and group with its state, the roles the
 * Source defines (only those are the sync's to add or remove), and what creating a user or setting a password sends.
 * A user without a carried password hash gets UPDATE_PASSWORD, as in the first load.
 */
final class DesiredRealm {
    static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";

    final boolean offline;
    final Map<String, UserState> users = new LinkedHashMap<>();
    /** Depth first, so a parent comes before its subgroups. */
    final Map<String, GroupState> groups = new LinkedHashMap<>();
    final Map<String, ObjectNode> groupReps = new LinkedHashMap<>();
    /** Groups whose role mappings the bundle does not state (an older export): their mappings are left as they are. */
    final Set<String> groupsWithoutRoles = new TreeSet<>();
    final Set<String> realmRoles = new TreeSet<>();
    final Map<String, Set<String>> clientRoles = new TreeMap<>();
    private final Map<String, ObjectNode> createPayloads = new LinkedHashMap<>();
    private final Map<String, ObjectNode> passwordCredentials = new LinkedHashMap<>();

    DesiredRealm(KeycloakBundle bundle) {
        this.offline = bundle.offline() != null;
        JsonNode realm = bundle.realm();
        realm.path("roles").path("realm").forEach(r -> realmRoles.add(r.path("name").asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = realm.path("roles").path("client").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Set<String> names = new TreeSet<>();
            e.getValue().forEach(r -> names.add(r.path("name").asText()));
            clientRoles.put(e.getKey(), names);
        }
        walk(realm.path("groups"), "", "");
        Map<String, ObjectNode> offlineUsers = bundle.offlineUsersById();
        for (ObjectNode api : bundle.users()) {
            String id = api.path("id").asText();
            ObjectNode off = offlineUsers.get(id);
            ObjectNode password = off == null ? null : password(off);
            SortedSet<String> actions = Reps.texts(api.path("requiredActions"));
            if (password == null) {
                actions.add(UPDATE_PASSWORD);
            }
            SortedSet<String> groupIds = Reps.texts(api.path("ferryGroupIds"));
            users.put(id, new UserState(api.path("username").asText(), Reps.text(api, "email"), Reps.text(api, "firstName"),
                    Reps.text(api, "lastName"), api.path("enabled").asBoolean(true), api.path("emailVerified").asBoolean(false), actions,
                    Reps.attributes(api.path("attributes")), groupIds, Reps.texts(api.path("realmRoles")),
                    Reps.clientRoleNames(api.path("clientRoles")), offline ? stamp(password) : null));
            ObjectNode create = cleaned(off != null ? off : api);
            ArrayNode a = create.putArray("requiredActions");
            actions.forEach(a::add);
            createPayloads.put(id, create);
            if (password != null) {
                passwordCredentials.put(id, password);
            }
        }
    }

    /** The user as partialImport creates it: groups by path, roles by name, the hash when the offline export has it. */
    ObjectNode createPayload(String userId) {
        return createPayloads.get(userId);
    }

    /** The offline export's password credential of a user, without its id, ready for PUT /users/{id}; null if none. */
    ObjectNode passwordCredential(String userId) {
        ObjectNode c = passwordCredentials.get(userId);
        if (c == null) {
            return null;
        }
        ObjectNode copy = c.deepCopy();
        // With the id, Keycloak skips a credential whose id it already holds (the same id as before the change).
        copy.remove("id");
        return copy;
    }

    private static ObjectNode password(ObjectNode offlineUser) {
        for (JsonNode c : offlineUser.path("credentials")) {
            if ("password".equals(c.path("type").asText()) && c.hasNonNull("secretData")) {
                return (ObjectNode) c;
            }
        }
        return null;
    }

    static String stamp(JsonNode passwordCredential) {
        return passwordCredential == null ? "none" : passwordCredential.path("createdDate").asText("");
    }

    private void walk(JsonNode list, String parentId, String parentPath) {
        for (JsonNode g : list) {
            String id = g.path("id").asText();
            String path = g.hasNonNull("path") ? g.get("path").asText() : parentPath + "/" + g.path("name").asText();
            groups.put(id, new GroupState(g.path("name").asText(), path, parentId, Reps.attributes(g.path("attributes")),
                    Reps.texts(g.path("realmRoles")), Reps.clientRoleNames(g.path("clientRoles"))));
            groupReps.put(id, (ObjectNode) g);
            if (!g.has("realmRoles") && !g.has("clientRoles")) {
                groupsWithoutRoles.add(id);
            }
            walk(g.path("subGroups"), id, path);
        }
    }

    private static ObjectNode cleaned(ObjectNode node) {
        ObjectNode c = node.deepCopy();
        c.properties().removeIf(e -> e.getKey().startsWith("ferry"));
        c.remove("userProfileMetadata");
        c.remove("access");
        return c;
    }
}
