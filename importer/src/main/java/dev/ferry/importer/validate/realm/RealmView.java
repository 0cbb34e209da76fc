package dev.ferry.importer.validate.realm;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.RealmSecrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One side of the comparison, indexed by the names Keycloak keeps: realm roles by name, client roles as
 * "clientId/name", clients by clientId, groups by path, users by id, service accounts by their client's clientId,
 * identity providers by alias. Secrets are taken out into digests (never kept in clear) before anything is compared.
 *
 * <p>The bundle side is built with {@link #ofBundle}, which states what the load puts on the Target (the users the
 * loader imports, the credential types it carries, the UPDATE_PASSWORD it adds); the Target side with
 * {@link #ofTarget}, from the same realm read the exporter uses.
 */
public final class RealmView {
    static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";
    /** A user's password credential as {"credentialId", "createdDate"}: compared where the offline export carried the hash. */
    static final String PASSWORD_CREDENTIAL = "passwordCredential";
    private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";

    final JsonNode realm;
    final Map<String, String> secretDigests = new TreeMap<>();
    final Set<String> maskedSecrets = new TreeSet<>();
    final Map<String, JsonNode> realmRoles = new TreeMap<>();
    final Map<String, JsonNode> clientRoles = new TreeMap<>();
    final Map<String, JsonNode> clients = new TreeMap<>();
    final Map<String, JsonNode> clientScopes = new TreeMap<>();
    final Map<String, JsonNode> groups = new TreeMap<>();
    final Map<String, JsonNode> users = new TreeMap<>();
    final Map<String, JsonNode> serviceAccounts = new TreeMap<>();
    final Map<String, JsonNode> identityProviders = new TreeMap<>();
    final Map<String, JsonNode> identityProviderMappers = new TreeMap<>();
    final Map<String, JsonNode> components = new TreeMap<>();
    final Set<String> scopeMappings = new TreeSet<>();
    final Set<String> kids;

    private RealmView(JsonNode source, Set<String> kids) {
        ObjectNode copy = source.deepCopy();
        takeSecrets(copy);
        this.realm = copy;
        this.kids = Set.copyOf(kids);
        copy.path("roles").path("realm").forEach(r -> realmRoles.put(r.path("name").asText(), r));
        for (Map.Entry<String, JsonNode> e : copy.path("roles").path("client").properties()) {
            e.getValue().forEach(r -> clientRoles.put(e.getKey() + "/" + r.path("name").asText(), r));
        }
        copy.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c));
        copy.path("clientScopes").forEach(c -> clientScopes.put(c.path("name").asText(), c));
        walkGroups(copy.path("groups"), "");
        copy.path("identityProviders").forEach(i -> identityProviders.put(i.path("alias").asText(), i));
        copy.path("identityProviderMappers").forEach(m -> identityProviderMappers.put(
                m.path("identityProviderAlias").asText() + "/" + m.path("name").asText(), m));
        for (Map.Entry<String, JsonNode> type : copy.path("components").properties()) {
            if (!type.getKey().equals(KEY_PROVIDER)) {
                type.getValue().forEach(c -> components.put(type.getKey() + " '" + c.path("name").asText() + "'"
                        + (c.hasNonNull("subType") ? " (" + c.get("subType").asText() + ")" : ""), c));
            }
        }
        scopeMappings();
    }

    /**
     * What the bundle puts on the Target.
     *
     * @param realmJson realm.json (the Source's API read, masks left out)
     * @param apiUsers  users.jsonl
     * @param offline   offline-export.json, or null: when present its users (with their hashes) are the ones imported,
     *                  its secrets are compared, and its keys give the key ids the Target must publish
     */
    public static RealmView ofBundle(JsonNode realmJson, List<? extends JsonNode> apiUsers, JsonNode offline) {
        RealmView v = new RealmView(realmJson, offline == null ? Set.of() : KeyIds.ofExport(offline));
        if (offline != null) {
            RealmView off = new RealmView(offline, Set.of());
            off.secretDigests.forEach(v.secretDigests::putIfAbsent);
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        realmJson.path("users").forEach(u -> byId.put(u.path("id").asText(), u));
        apiUsers.forEach(u -> byId.put(u.path("id").asText(), u));
        if (offline != null) {
            offline.path("users").forEach(u -> byId.put(u.path("id").asText(), u));
        }
        for (JsonNode u : byId.values()) {
            v.addUser(expectedOnTarget(u));
        }
        return v;
    }

    /**
     * What the Target holds.
     *
     * @param realmJson the Target's realm read (the exporter's reader, run on the Target)
     * @param users     the Target's users, read the same way
     * @param keys      the Target's {@code GET /admin/realms/R/keys} answer
     */
    public static RealmView ofTarget(JsonNode realmJson, List<? extends JsonNode> users, JsonNode keys) {
        RealmView v = new RealmView(realmJson, KeyIds.ofKeysAnswer(keys));
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        realmJson.path("users").forEach(u -> byId.put(u.path("id").asText(), u));
        users.forEach(u -> byId.put(u.path("id").asText(), u));
        for (JsonNode u : byId.values()) {
            ObjectNode c = u.deepCopy();
            c.set("credentialTypes", types(u.has("ferryCredentialTypes") ? u.get("ferryCredentialTypes") : credentialTypes(u, false)));
            JsonNode password = passwordCredential(u.has("ferryCredentials") ? u.get("ferryCredentials") : u.path("credentials"), false);
            if (password != null) {
                c.set(PASSWORD_CREDENTIAL, password);
            }
            v.addUser(c);
        }
        return v;
    }

    /** A bundle user as the load leaves it: its carried credentials' types, and UPDATE_PASSWORD when no hash came. */
    private static JsonNode expectedOnTarget(JsonNode u) {
        ObjectNode c = u.deepCopy();
        ArrayNode carried = credentialTypes(u, true);
        c.set("credentialTypes", types(carried));
        JsonNode hash = passwordCredential(u.path("credentials"), true);
        if (hash != null) {
            c.set(PASSWORD_CREDENTIAL, hash);
        }
        boolean serviceAccount = u.hasNonNull("serviceAccountClientId");
        boolean password = false;
        for (JsonNode t : carried) {
            password |= t.asText().equals("password");
        }
        if (!serviceAccount && !password) {
            ArrayNode actions = c.withArray("requiredActions");
            boolean has = false;
            for (JsonNode a : actions) {
                has |= a.asText().equals(UPDATE_PASSWORD);
            }
            if (!has) {
                actions.add(UPDATE_PASSWORD);
            }
        }
        return c;
    }

    /**
     * What proves a password hash came along without knowing the password: the password credential's id and creation
     * date, which the Target keeps when the hash is imported and cannot have otherwise (a new password gets a new id
     * and date). With {@code carriedOnly}, only a credential whose hash travels counts. Null when there is none.
     */
    private static JsonNode passwordCredential(JsonNode credentials, boolean carriedOnly) {
        for (JsonNode cred : credentials) {
            boolean carried = cred.hasNonNull("secretData") || cred.hasNonNull("value");
            if ("password".equals(cred.path("type").asText()) && (carried || !carriedOnly)) {
                ObjectNode p = JsonDiff.JSON.createObjectNode();
                p.put("credentialId", cred.path("id").asText(""));
                p.put("createdDate", cred.path("createdDate").asLong(0));
                return p;
            }
        }
        return null;
    }

    /** The types of a user's credentials; with {@code carriedOnly}, only those whose hash or secret travels. */
    private static ArrayNode credentialTypes(JsonNode u, boolean carriedOnly) {
        ArrayNode out = JsonDiff.JSON.createArrayNode();
        for (JsonNode cred : u.path("credentials")) {
            if (!carriedOnly || cred.hasNonNull("secretData") || cred.hasNonNull("value")) {
                out.add(cred.path("type").asText());
            }
        }
        return out;
    }

    private static JsonNode types(JsonNode list) {
        Set<String> s = new TreeSet<>();
        list.forEach(n -> s.add(n.asText()));
        ArrayNode out = JsonDiff.JSON.createArrayNode();
        s.forEach(out::add);
        return out;
    }

    private void addUser(JsonNode u) {
        ObjectNode c = (ObjectNode) u;
        c.remove("credentials");
        if (u.hasNonNull("serviceAccountClientId")) {
            serviceAccounts.put(u.get("serviceAccountClientId").asText(), c);
        } else {
            users.put(u.path("id").asText(), c);
        }
    }

    /** The clientIds of clients with service accounts whose service-account user this side lacks, sorted. */
    public List<String> serviceAccountsNotCarried() {
        List<String> out = new ArrayList<>();
        clients.forEach((clientId, c) -> {
            if (c.path("serviceAccountsEnabled").asBoolean(false) && !serviceAccounts.containsKey(clientId)) {
                out.add(clientId);
            }
        });
        return out;
    }

    private void walkGroups(JsonNode list, String parent) {
        for (JsonNode g : list) {
            String path = g.hasNonNull("path") ? g.get("path").asText() : parent + "/" + g.path("name").asText();
            groups.put(path, g);
            walkGroups(g.path("subGroups"), path);
        }
    }

    /** Scope mappings as sentences: "client 'kea-web' → realm role 'kea-user'", "client scope 'x' → client role 'c/r'". */
    private void scopeMappings() {
        for (JsonNode m : realm.path("scopeMappings")) {
            String holder = holder(m);
            m.path("roles").forEach(r -> scopeMappings.add(holder + " → realm role '" + r.asText() + "'"));
        }
        for (Map.Entry<String, JsonNode> e : realm.path("clientScopeMappings").properties()) {
            for (JsonNode m : e.getValue()) {
                String holder = holder(m);
                m.path("roles").forEach(r -> scopeMappings.add(holder + " → client role '" + e.getKey() + "/" + r.asText() + "'"));
            }
        }
    }

    private static String holder(JsonNode m) {
        return m.hasNonNull("client") ? "client '" + m.get("client").asText() + "'" : "client scope '" + m.path("clientScope").asText() + "'";
    }

    /** Moves every secret out of the copy: clear ones into digests, masked ones into the not-comparable set. */
    private void takeSecrets(ObjectNode copy) {
        List<RealmSecrets.Secret> secrets = new ArrayList<>(RealmSecrets.of(copy));
        for (RealmSecrets.Secret s : secrets) {
            if (s.kind() == RealmSecrets.Kind.USER_CREDENTIAL) {
                continue; // credentials are compared by type; the user walk drops them
            }
            if (s.masked()) {
                maskedSecrets.add(s.describe());
            } else {
                secretDigests.put(s.describe(), SecretDigest.of(s.value()));
            }
        }
        // Remove deepest first so list positions stay right.
        secrets.sort((a, b) -> b.pointer().compareTo(a.pointer()));
        for (RealmSecrets.Secret s : secrets) {
            if (s.kind() == RealmSecrets.Kind.USER_CREDENTIAL) {
                continue;
            }
            JsonPointer p = JsonPointer.compile(s.pointer());
            JsonNode parent = copy.at(p.head());
            if (parent instanceof ArrayNode list) {
                JsonPointer field = p.head();
                if (copy.at(field.head()) instanceof ObjectNode holder) {
                    holder.remove(field.last().getMatchingProperty());
                } else {
                    list.remove(p.last().getMatchingIndex());
                }
            } else if (parent instanceof ObjectNode o) {
                o.remove(p.last().getMatchingProperty());
            }
        }
    }
}
