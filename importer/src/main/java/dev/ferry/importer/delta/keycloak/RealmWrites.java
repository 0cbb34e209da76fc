package dev.ferry.importer.delta.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.Progress;
import dev.ferry.common.MismatchException;
import dev.ferry.common.StoreException;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Makes the Target realm what the bundle says, one Admin API call per change, keeping every id and everything that is
 * the Target's own (docs/reference/keycloak.md §11):
 * <ol>
 * <li>roles and clients the Source added: partialImport SKIP (existing ones are never touched, so their ids stay);</li>
 * <li>users and groups deleted on the Source: DELETE;</li>
 * <li>new groups: partialImport SKIP with their ids, then moved under their parent;</li>
 * <li>changed groups: PUT (name, attributes), role mappings added and removed by name;</li>
 * <li>new users: partialImport SKIP (ids, memberships, roles, and the hash when carried);</li>
 * <li>changed users: PUT /users/{id} (profile, attributes, required actions, and the new password hash: the
 * credential without its id, which Keycloak stores under the user's existing password credential), memberships
 * PUT/DELETE, role mappings POST/DELETE.</li>
 * </ol>
 * Every call states the end result, so running the writes again after a crash does nothing twice.
 */
final class RealmWrites {
    private static final int USERS_PER_REQUEST = 100;
    private static final String STORE = StoreKind.KEYCLOAK.label();

    private final KeycloakClient client;
    private final DesiredRealm desired;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, JsonNode> realmRoleReps = new HashMap<>();
    private final Map<String, String> clientIds = new HashMap<>();
    private final Map<String, JsonNode> clientRoleReps = new HashMap<>();

    RealmWrites(KeycloakClient client, DesiredRealm desired) {
        this.client = client;
        this.desired = desired;
    }

    void apply(RealmDelta delta, JsonNode realmJson, TargetRealm target, Progress progress) {
        String realm = client.realmPath();
        structure(realmJson);
        for (String id : delta.usersRemoved) {
            client.delete(realm + "/users/" + KeycloakClient.q(id), null);
        }
        for (String id : delta.groupsRemoved) {
            client.delete(realm + "/groups/" + KeycloakClient.q(id), null);
        }
        Set<String> added = new TreeSet<>(delta.groupsAdded);
        for (String id : delta.groupsAdded) {
            GroupState g = desired.groups.get(id);
            if (added.contains(g.parentId())) {
                continue; // created with its parent, nested
            }
            ObjectNode rep = desired.groupReps.get(id).deepCopy();
            rep.put("path", "/" + g.name());
            partialImport("groups", rep, "group " + g.path());
            if (!g.parentId().isEmpty()) {
                move(id, g);
            }
        }
        for (Map.Entry<String, List<String>> c : delta.groupsChanged.entrySet()) {
            changeGroup(c.getKey(), c.getValue(), delta.targetGroups.get(c.getKey()));
        }
        List<ObjectNode> newUsers = delta.usersAdded.stream().map(desired::createPayload).toList();
        for (int i = 0; i < newUsers.size(); i += USERS_PER_REQUEST) {
            ObjectNode body = json.createObjectNode().put("ifResourceExists", "SKIP");
            ArrayNode users = body.putArray("users");
            newUsers.subList(i, Math.min(newUsers.size(), i + USERS_PER_REQUEST)).forEach(users::add);
            send(body, "users " + (i + 1) + "–" + Math.min(newUsers.size(), i + USERS_PER_REQUEST) + " of the new users");
        }
        try (Progress.Task task = progress.start(STORE, "users:changed", delta.usersChanged.size(), "changed users")) {
            for (Map.Entry<String, List<String>> c : delta.usersChanged.entrySet()) {
                changeUser(c.getKey(), c.getValue(), delta.targetUsers.get(c.getKey()), delta.knownGroups, target);
                task.advance(1);
            }
        }
    }

    /** Roles and clients the Source has and the Target lacks; SKIP leaves every existing one (and its id) alone. */
    private void structure(JsonNode realmJson) {
        ObjectNode body = json.createObjectNode().put("ifResourceExists", "SKIP");
        if (realmJson.has("roles")) {
            body.set("roles", realmJson.get("roles").deepCopy());
        }
        if (realmJson.has("clients")) {
            body.set("clients", realmJson.get("clients").deepCopy());
        }
        send(body, "roles and clients");
    }

    private void partialImport(String field, ObjectNode rep, String what) {
        ObjectNode body = json.createObjectNode().put("ifResourceExists", "SKIP");
        body.putArray(field).add(rep);
        send(body, what);
    }

    private void send(ObjectNode body, String what) {
        KeycloakClient.Answer a = client.post(client.realmPath() + "/partialImport", body);
        if (a.status() >= 500) {
            throw new StoreException("Keycloak failed the partial import of " + what + " (HTTP " + a.status() + ")",
                    "read the Keycloak server log (an email held by another user is a known cause); nothing of this request was written;"
                            + " re-run with --resume");
        }
        a.require("partialImport of " + what);
    }

    /** Puts a group under its parent (or at the root): POST …/children with the group's id moves it there, id kept. */
    private void move(String id, GroupState g) {
        ObjectNode ref = json.createObjectNode().put("id", id).put("name", g.name());
        String path = g.parentId().isEmpty() ? client.realmPath() + "/groups"
                : client.realmPath() + "/groups/" + KeycloakClient.q(g.parentId()) + "/children";
        KeycloakClient.Answer a = client.post(path, ref);
        a.require("moving group " + g.path() + " under its parent");
    }

    private void changeGroup(String id, List<String> aspects, GroupState now) {
        GroupState want = desired.groups.get(id);
        String path = client.realmPath() + "/groups/" + KeycloakClient.q(id);
        if (aspects.contains("place") && !want.parentId().equals(now.parentId())) {
            move(id, want);
        }
        if (aspects.contains("place") || aspects.contains("attributes")) {
            ObjectNode rep = json.createObjectNode().put("id", id).put("name", want.name());
            rep.set("attributes", json.valueToTree(want.attributes()));
            client.put(path, rep);
        }
        if (aspects.contains("roles") && !desired.groupsWithoutRoles.contains(id)) {
            roles(path, want.realmRoles(), now.realmRoles(), want.clientRoles(), now.clientRoles());
        }
    }

    private void changeUser(String id, List<String> aspects, UserState now, Set<String> knownGroups, TargetRealm target) {
        UserState want = desired.users.get(id);
        String path = client.realmPath() + "/users/" + KeycloakClient.q(id);
        boolean profile = aspects.contains(UserState.PROFILE) || aspects.contains(UserState.ATTRIBUTES);
        ObjectNode credential = aspects.contains(UserState.PASSWORD) ? desired.passwordCredential(id) : null;
        if (profile || credential != null) {
            ObjectNode rep = json.createObjectNode();
            rep.put("username", want.username());
            rep.put("email", want.email());
            rep.put("firstName", want.firstName());
            rep.put("lastName", want.lastName());
            rep.put("enabled", want.enabled());
            rep.put("emailVerified", want.emailVerified());
            rep.set("requiredActions", json.valueToTree(want.requiredActions()));
            rep.set("attributes", json.valueToTree(want.attributes()));
            if (credential != null) {
                rep.putArray("credentials").add(credential);
            }
            client.put(path, rep);
        }
        if (aspects.contains(UserState.PASSWORD) && credential == null) {
            // The Source user has no password any more: remove the Target's (the user gets UPDATE_PASSWORD above).
            String credentialId = target.passwordCredentialId(id);
            if (credentialId != null) {
                client.delete(path + "/credentials/" + KeycloakClient.q(credentialId), null);
            }
        }
        if (aspects.contains(UserState.GROUPS)) {
            Set<String> have = new TreeSet<>(now.groupIds());
            have.retainAll(knownGroups);
            for (String g : want.groupIds()) {
                if (!have.contains(g)) {
                    client.put(path + "/groups/" + KeycloakClient.q(g), json.createObjectNode());
                }
            }
            for (String g : have) {
                if (!want.groupIds().contains(g)) {
                    client.delete(path + "/groups/" + KeycloakClient.q(g), null);
                }
            }
        }
        if (aspects.contains(UserState.ROLES)) {
            UserState scoped = now.within(knownGroups, desired.realmRoles, desired.clientRoles);
            roles(path, want.realmRoles(), scoped.realmRoles(), want.clientRoles(), scoped.clientRoles());
        }
    }

    /** Adds and removes direct role mappings of a user or group ({@code owner}) by name, realm and client roles. */
    private void roles(String owner, SortedSet<String> wantRealm, SortedSet<String> haveRealm, SortedMap<String, SortedSet<String>> wantClients,
            SortedMap<String, SortedSet<String>> haveClients) {
        mapping(owner + "/role-mappings/realm", wantRealm, scopedTo(haveRealm, desired.realmRoles), this::realmRole);
        Set<String> clients = new TreeSet<>(wantClients.keySet());
        clients.addAll(haveClients.keySet());
        for (String clientId : clients) {
            Set<String> want = wantClients.getOrDefault(clientId, new TreeSet<>());
            Set<String> have = scopedTo(haveClients.getOrDefault(clientId, new TreeSet<>()), desired.clientRoles.getOrDefault(clientId, Set.of()));
            if (want.equals(have)) {
                continue;
            }
            String internal = clientId(clientId);
            mapping(owner + "/role-mappings/clients/" + KeycloakClient.q(internal), want, have, name -> clientRole(internal, clientId, name));
        }
    }

    private static Set<String> scopedTo(Set<String> have, Set<String> known) {
        Set<String> s = new TreeSet<>(have);
        s.retainAll(known);
        return s;
    }

    private void mapping(String path, Set<String> want, Set<String> have, java.util.function.Function<String, JsonNode> rep) {
        ArrayNode add = json.createArrayNode();
        want.stream().filter(r -> !have.contains(r)).map(rep).forEach(add::add);
        ArrayNode remove = json.createArrayNode();
        have.stream().filter(r -> !want.contains(r)).map(rep).forEach(remove::add);
        if (!add.isEmpty()) {
            client.post(path, add).require("POST " + path);
        }
        if (!remove.isEmpty()) {
            client.delete(path, remove);
        }
    }

    private JsonNode realmRole(String name) {
        return realmRoleReps.computeIfAbsent(name, n -> {
            JsonNode r = client.get(client.realmPath() + "/roles/" + KeycloakClient.q(n));
            if (r == null) {
                throw missing("realm role '" + n + "'");
            }
            return r;
        });
    }

    private String clientId(String clientId) {
        return clientIds.computeIfAbsent(clientId, c -> {
            JsonNode found = client.get(client.realmPath() + "/clients?clientId=" + KeycloakClient.q(c));
            if (found == null || found.isEmpty()) {
                throw missing("client '" + c + "'");
            }
            return found.get(0).path("id").asText();
        });
    }

    private JsonNode clientRole(String internalId, String clientId, String name) {
        return clientRoleReps.computeIfAbsent(internalId + "/" + name, k -> {
            JsonNode r = client.get(client.realmPath() + "/clients/" + KeycloakClient.q(internalId) + "/roles/" + KeycloakClient.q(name));
            if (r == null) {
                throw missing("role '" + name + "' of client '" + clientId + "'");
            }
            return r;
        });
    }

    private static MismatchException missing(String what) {
        return new MismatchException("the Target realm has no " + what + ", which the bundle maps users or groups to",
                "the roles and clients import should have added it: read the Keycloak server log, then re-run with --resume");
    }
}
