package dev.ferry.importer.delta.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.keycloak.RealmReader;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Target realm as the sync reads it over the Admin API: every user and group listed (id, username, email, path),
 * and the full state of the users and groups asked for. Service-account users are not listed (GET /users leaves them
 * out) and are not the sync's: they belong to their clients.
 */
final class TargetRealm {
    private final KeycloakClient client;
    private Map<String, UserState> users;
    final Map<String, String> usernameById = new LinkedHashMap<>();
    final Map<String, String> emailById = new HashMap<>();
    final Map<String, String> pathByGroupId = new LinkedHashMap<>();
    final Map<String, String> groupIdByPath = new HashMap<>();

    private TargetRealm(KeycloakClient client) {
        this.client = client;
    }

    /** The same read, asking {@code other} for what it reads from now on (the client it was read with is closed). */
    TargetRealm readingWith(KeycloakClient other) {
        TargetRealm t = new TargetRealm(other);
        t.users = users;
        t.usernameById.putAll(usernameById);
        t.emailById.putAll(emailById);
        t.pathByGroupId.putAll(pathByGroupId);
        t.groupIdByPath.putAll(groupIdByPath);
        return t;
    }

    static TargetRealm list(KeycloakClient client) {
        TargetRealm t = new TargetRealm(client);
        String realm = client.config().realm();
        client.forEachUser(realm, u -> {
            String id = u.path("id").asText();
            t.usernameById.put(id, u.path("username").asText());
            t.emailById.put(id, Reps.text(u, "email").toLowerCase(java.util.Locale.ROOT));
        });
        client.forEachGroup(realm, g -> {
            t.pathByGroupId.put(g.path("id").asText(), g.path("path").asText());
            t.groupIdByPath.put(g.path("path").asText(), g.path("id").asText());
        });
        return t;
    }

    /**
     * A listed user's full state; the password is the password credential's createdDate, or "none". The first call
     * reads every user's state at once with the export's reader (realm-wide lookups, docs/reference/keycloak.md §12)
     * rather than four requests per user, since the sync asks for every user the bundle carries; later calls answer
     * from it, so the states are those of the moment of that read (the sync reads before it writes, and lists the
     * Target again afterwards). Holds one compact state per Target user, as the delta does for those it compares.
     */
    UserState user(String id) {
        if (users == null) {
            Map<String, UserState> read = new HashMap<>();
            new RealmReader(client).forEachUserWithCredentialMetadata(u -> read.put(u.path("id").asText(), state(u)));
            users = read;
        }
        return users.get(id);
    }

    /** A users.jsonl object (with its credential metadata) as the sync compares it. */
    private static UserState state(JsonNode u) {
        String password = "none";
        for (JsonNode c : u.path("ferryCredentials")) {
            if ("password".equals(c.path("type").asText())) {
                password = c.path("createdDate").asText("");
            }
        }
        SortedSet<String> groups = new TreeSet<>(Reps.texts(u.path("ferryGroupIds")));
        return new UserState(u.path("username").asText(), Reps.text(u, "email"), Reps.text(u, "firstName"), Reps.text(u, "lastName"),
                u.path("enabled").asBoolean(false), u.path("emailVerified").asBoolean(false), Reps.texts(u.path("requiredActions")),
                Reps.attributes(u.path("attributes")), groups, Reps.texts(u.path("realmRoles")), Reps.clientRoleNames(u.path("clientRoles")),
                password);
    }

    /** The password credential's id on the Target, or null. */
    String passwordCredentialId(String userId) {
        JsonNode credentials = client.get(client.realmPath() + "/users/" + KeycloakClient.q(userId) + "/credentials");
        if (credentials != null) {
            for (JsonNode c : credentials) {
                if ("password".equals(c.path("type").asText())) {
                    return c.path("id").asText();
                }
            }
        }
        return null;
    }

    /** A listed group's full state (attributes and direct role mappings by name). */
    GroupState group(String id) {
        String base = client.realmPath() + "/groups/" + KeycloakClient.q(id);
        JsonNode g = client.get(base);
        if (g == null) {
            return null;
        }
        String path = pathByGroupId.getOrDefault(id, g.path("path").asText());
        String parentPath = path.lastIndexOf('/') > 0 ? path.substring(0, path.lastIndexOf('/')) : "";
        JsonNode mappings = client.get(base + "/role-mappings");
        return new GroupState(g.path("name").asText(), path, parentPath.isEmpty() ? "" : groupIdByPath.getOrDefault(parentPath, "?"),
                Reps.attributes(g.path("attributes")), mappings == null ? new TreeSet<>() : Reps.realmMappings(mappings),
                mappings == null ? new java.util.TreeMap<>() : Reps.clientMappings(mappings));
    }
}
