package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.stores.keycloak.RealmSecrets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every reason the Target Keycloak would refuse the load that is knowable before anything is written
 * (docs/reference/keycloak-paths.md §7, docs/reference/keycloak.md §6.2-6.3). The dry run and the load run the same
 * finder on the same Target, so a dry run that passes cannot be followed by a load refused for one of these:
 * <ul>
 * <li>a value still masked in what would be sent ({@code POST /admin/realms} answers 500 for a masked key; any other
 * mask would be stored as the value);</li>
 * <li>an id another realm of the Target holds: users, groups, identity provider mappers, and on {@code POST} also the
 * realm, roles, clients, client scopes and components (ids are database-wide primary keys: 500 or 409, nothing
 * written);</li>
 * <li>a user policy: partialImport answers 500 whatever the users when it imports the policy's client; on POST, one
 * naming a user the bundle lacks;</li>
 * <li>in a present realm, the same username under another id, an e-mail held by another user (SKIP answers 500 for
 * the whole batch), a group path held by another id;</li>
 * <li>a user whose group path is neither carried nor on the Target (500);</li>
 * <li>a component or identity provider whose provider the Target's server does not offer.</li>
 * </ul>
 */
final class ConflictFinder {
    /** The kinds of refusal, each with the fix the operator applies. */
    enum Kind {
        MASKED("export again with this Ferry, which leaves masked values out, or with --keycloak-realm-file (the offline "
                + "kc.sh export carries every value in clear)"),
        ID_IN_OTHER_REALM("ids are unique across the realms of one Keycloak: remove the other realm that holds them (often an "
                + "earlier load under another realm name), or load into another Keycloak"),
        USER_POLICY("partialImport cannot import a client's user policy (Keycloak 26.4 answers 500): load into an absent realm "
                + "(remove or rename the Target's realm first), or replace the user policy on the Source by a role or group "
                + "policy and export again"),
        POLICY_USER_MISSING("a user policy names a user the bundle does not carry: export again from a Source where the user "
                + "exists, or remove the user from the policy on the Source"),
        TARGET_REALM("remove or rename the Target's user or group (a group id is a kea team id, so keep the bundle's), then "
                + "re-run"),
        GROUP_PATH_MISSING("the bundle names a group it does not carry (the Source changed while it was read?): export again"),
        PROVIDER_MISSING("install the same provider (extension jar) on the Target Keycloak as on the Source, or remove the "
                + "item on the Source and export again");

        final String fix;

        Kind(String fix) {
            this.fix = fix;
        }
    }

    /**
     * One reason to refuse, naming the item.
     *
     * @param group what the item is, to show long lists a few per group: "user id", "masked value"
     */
    record Conflict(Kind kind, String group, String item) {
    }

    private static final String KEY_COMPONENTS = "components";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakClient client;

    ConflictFinder(KeycloakClient client) {
        this.client = client;
    }

    /**
     * @param target the present realm, or null when the load creates it ({@code POST /admin/realms})
     */
    List<Conflict> find(KeycloakBundle bundle, ImportPayloads payloads, String realm, TargetRealmDirectory target, boolean overwrite) {
        List<Conflict> out = new ArrayList<>();
        boolean creating = target == null;
        JsonNode sent = payloads.sentRealm();
        for (RealmSecrets.Secret s : MaskedValues.find(sent)) {
            out.add(new Conflict(Kind.MASKED, "masked value", s.describe() + " (" + s.pointer() + ")"));
        }
        userPolicies(sent, payloads.users(), creating, overwrite, out);
        groupPaths(bundle, payloads.users(), target, out);
        if (target != null) {
            inTargetRealm(bundle, target, out);
        }
        providers(sent, creating, out);
        idsInOtherRealms(sent, payloads.users(), bundle, realm, creating, out);
        return out;
    }

    /**
     * A user policy fails partialImport only when its client is imported: under SKIP a client the present realm holds
     * already (an earlier run of this load, whose POST finished after it was interrupted) is skipped with its policies.
     */
    private void userPolicies(JsonNode realm, List<ObjectNode> users, boolean creating, boolean overwrite, List<Conflict> out) {
        Set<String> usernames = new HashSet<>();
        users.forEach(u -> usernames.add(u.path("username").asText()));
        for (JsonNode c : realm.path("clients")) {
            for (JsonNode p : c.path("authorizationSettings").path("policies")) {
                if (!"user".equals(p.path("type").asText())) {
                    continue;
                }
                String policy = "user policy '" + p.path("name").asText() + "' of client '" + c.path("clientId").asText() + "'";
                if (!creating) {
                    if (overwrite || !clientExists(c.path("clientId").asText())) {
                        out.add(new Conflict(Kind.USER_POLICY, "user policy", policy));
                    }
                    continue;
                }
                for (String name : jsonList(p.path("config").path("users"))) {
                    if (!usernames.contains(name)) {
                        out.add(new Conflict(Kind.POLICY_USER_MISSING, "user policy", policy + " names user '" + name + "'"));
                    }
                }
            }
        }
    }

    private boolean clientExists(String clientId) {
        JsonNode found = client.get(client.realmPath() + "/clients?clientId=" + KeycloakClient.q(clientId));
        return found != null && !found.isEmpty();
    }

    /** A policy's config list: a JSON array written as a string, as every export writes it. */
    private static List<String> jsonList(JsonNode value) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode list = value.isTextual() ? JSON.readTree(value.asText()) : value;
            if (list != null) {
                list.forEach(v -> out.add(v.asText()));
            }
        } catch (IOException e) {
            out.add(value.asText());
        }
        return out;
    }

    private static void groupPaths(KeycloakBundle bundle, List<ObjectNode> users, TargetRealmDirectory target, List<Conflict> out) {
        Set<String> known = new HashSet<>(bundle.groupPathsById().values());
        if (target != null) {
            known.addAll(target.idByGroupPath.keySet());
        }
        for (ObjectNode u : users) {
            for (JsonNode g : u.path("groups")) {
                if (!known.contains(g.asText())) {
                    out.add(new Conflict(Kind.GROUP_PATH_MISSING, "group path", "user " + u.path("id").asText() + " is a member of group "
                            + g.asText()));
                }
            }
        }
    }

    private static void inTargetRealm(KeycloakBundle bundle, TargetRealmDirectory target, List<Conflict> out) {
        for (ObjectNode u : bundle.users()) {
            String id = u.path("id").asText();
            String username = u.path("username").asText();
            String existing = target.idByUsername.get(username);
            if (existing != null && !existing.equals(id)) {
                out.add(new Conflict(Kind.TARGET_REALM, "username", "user '" + username + "' has id " + existing + " on the Target but " + id
                        + " in the bundle"));
            }
            String email = u.path("email").asText("").toLowerCase(Locale.ROOT);
            String owner = email.isEmpty() ? null : target.usernameByEmail.get(email);
            if (owner != null && !owner.equals(username)) {
                out.add(new Conflict(Kind.TARGET_REALM, "email", "email of bundle user '" + username + "' belongs to Target user '" + owner + "'"));
            }
        }
        for (Map.Entry<String, String> g : bundle.groupPathsById().entrySet()) {
            String existing = target.idByGroupPath.get(g.getValue());
            if (existing != null && !existing.equals(g.getKey())) {
                out.add(new Conflict(Kind.TARGET_REALM, "group", "group " + g.getValue() + " has id " + existing + " on the Target but "
                        + g.getKey() + " in the bundle"));
            }
            String path = target.groupPathById.get(g.getKey());
            if (path != null && !path.equals(g.getValue())) {
                out.add(new Conflict(Kind.TARGET_REALM, "group", "group id " + g.getKey() + " is " + path + " on the Target but "
                        + g.getValue() + " in the bundle"));
            }
        }
    }

    /**
     * Components (sent only on POST) and identity providers whose provider the Target's server does not list in
     * {@code GET /admin/serverinfo}. A component type the server does not list at all is not judged: Ferry cannot tell.
     */
    private void providers(JsonNode realm, boolean creating, List<Conflict> out) {
        JsonNode info = client.get("/admin/serverinfo");
        if (info == null) {
            return;
        }
        if (creating) {
            components(realm.path(KEY_COMPONENTS), info.path("componentTypes"), out);
        }
        Set<String> idps = new HashSet<>();
        info.path("identityProviders").forEach(p -> idps.add(p.path("id").asText()));
        info.path("socialProviders").forEach(p -> idps.add(p.path("id").asText()));
        for (JsonNode idp : realm.path("identityProviders")) {
            String provider = idp.path("providerId").asText();
            if (!idps.contains(provider)) {
                out.add(new Conflict(Kind.PROVIDER_MISSING, "provider", "identity provider '" + idp.path("alias").asText() + "' needs provider '"
                        + provider + "'"));
            }
        }
    }

    private static void components(JsonNode byType, JsonNode offered, List<Conflict> out) {
        byType.properties().forEach(type -> {
            JsonNode list = offered.get(type.getKey());
            Set<String> ids = new HashSet<>();
            if (list != null) {
                list.forEach(t -> ids.add(t.path("id").asText()));
            }
            for (JsonNode c : type.getValue()) {
                String provider = c.path("providerId").asText();
                if (list != null && !ids.contains(provider)) {
                    out.add(new Conflict(Kind.PROVIDER_MISSING, "provider", "component '" + c.path("name").asText() + "' (" + type.getKey()
                            + ") needs provider '" + provider + "'"));
                }
                components(c.path("subComponents"), offered, out);
            }
        });
    }

    /** The ids the load would write, by what holds them, and where another realm of the Target holds one. */
    private void idsInOtherRealms(JsonNode sent, List<ObjectNode> users, KeycloakBundle bundle, String realm, boolean creating,
            List<Conflict> out) {
        JsonNode realms = client.get("/admin/realms");
        if (realms == null) {
            return;
        }
        Ids ids = Ids.of(sent, users, bundle, creating);
        for (JsonNode r : realms) {
            String other = r.path("realm").asText();
            if (other.equals(realm)) {
                continue;
            }
            if (ids.realm != null && ids.realm.equals(r.path("id").asText())) {
                out.add(new Conflict(Kind.ID_IN_OTHER_REALM, "realm id", "realm id " + ids.realm + " is realm '" + other + "'"));
            }
            String at = KeycloakClient.realmPath(other);
            Set<String> regular = new HashSet<>();
            client.forEachUser(other, u -> regular.add(u.path("id").asText()));
            for (String id : ids.users) {
                // GET /users lists no service-account user: those are asked for one by one.
                if (regular.contains(id) || ids.serviceAccounts.contains(id) && client.get(at + "/users/" + KeycloakClient.q(id)) != null) {
                    out.add(held("user", id, other));
                }
            }
            byId(at + "/groups/", "group", ids.groups, other, out);
            byId(at + "/roles-by-id/", "role", ids.roles, other, out);
            byId(at + "/clients/", "client", ids.clients, other, out);
            byId(at + "/client-scopes/", "client scope", ids.clientScopes, other, out);
            byId(at + "/components/", "component", ids.components, other, out);
            if (!ids.idpMappers.isEmpty()) {
                JsonNode idps = client.get(at + "/identity-provider/instances");
                for (JsonNode idp : idps == null ? List.<JsonNode>of() : idps) {
                    JsonNode mappers = client.get(at + "/identity-provider/instances/" + KeycloakClient.q(idp.path("alias").asText()) + "/mappers");
                    for (JsonNode m : mappers == null ? List.<JsonNode>of() : mappers) {
                        if (ids.idpMappers.contains(m.path("id").asText())) {
                            out.add(held("identity provider mapper", m.path("id").asText(), other));
                        }
                    }
                }
            }
        }
    }

    private void byId(String path, String what, Set<String> ids, String other, List<Conflict> out) {
        for (String id : ids) {
            if (client.get(path + KeycloakClient.q(id)) != null) {
                out.add(held(what, id, other));
            }
        }
    }

    private static Conflict held(String what, String id, String other) {
        return new Conflict(Kind.ID_IN_OTHER_REALM, what + " id", what + " id " + id + " is already used in realm '" + other + "'");
    }

    /** The ids a load writes with the ids it is given; on partialImport, Keycloak renews those of roles and clients. */
    private static final class Ids {
        String realm;
        final Set<String> users = new LinkedHashSet<>();
        final Set<String> serviceAccounts = new HashSet<>();
        final Set<String> groups = new LinkedHashSet<>();
        final Set<String> roles = new LinkedHashSet<>();
        final Set<String> clients = new LinkedHashSet<>();
        final Set<String> clientScopes = new LinkedHashSet<>();
        final Set<String> components = new LinkedHashSet<>();
        final Set<String> idpMappers = new LinkedHashSet<>();

        static Ids of(JsonNode sent, List<ObjectNode> users, KeycloakBundle bundle, boolean creating) {
            Ids ids = new Ids();
            for (ObjectNode u : users) {
                ids.users.add(u.path("id").asText());
                if (u.hasNonNull("serviceAccountClientId")) {
                    ids.serviceAccounts.add(u.path("id").asText());
                }
            }
            ids.groups.addAll(bundle.groupPathsById().keySet());
            sent.path("identityProviderMappers").forEach(m -> add(ids.idpMappers, m));
            if (creating) {
                ids.realm = sent.hasNonNull("id") ? sent.get("id").asText() : null;
                sent.path("roles").path("realm").forEach(r -> add(ids.roles, r));
                sent.path("roles").path("client").forEach(list -> list.forEach(r -> add(ids.roles, r)));
                sent.path("clients").forEach(c -> add(ids.clients, c));
                sent.path("clientScopes").forEach(c -> add(ids.clientScopes, c));
                componentIds(sent.path(KEY_COMPONENTS), ids.components);
            }
            return ids;
        }

        private static void componentIds(JsonNode byType, Set<String> out) {
            Map<String, JsonNode> types = new LinkedHashMap<>();
            byType.properties().forEach(e -> types.put(e.getKey(), e.getValue()));
            for (JsonNode list : types.values()) {
                for (JsonNode c : list) {
                    add(out, c);
                    componentIds(c.path("subComponents"), out);
                }
            }
        }

        private static void add(Set<String> to, JsonNode item) {
            if (item.hasNonNull("id")) {
                to.add(item.get("id").asText());
            }
        }
    }
}
