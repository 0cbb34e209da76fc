package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.VerificationException;
import dev.ferry.common.StoreKind;
import dev.ferry.stores.keycloak.LeftOutValues;
import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import dev.ferry.stores.keycloak.RealmEntries;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Keycloak part of a bundle (docs/bundle-contents.md, store "keycloak"). A realm of ~500 users is small, so it is
 * held in memory: the realm must be POSTed as one document anyway.
 *
 * @param realm   realm.json: settings, roles, groups with ids, clients, "ferryUserProfile"
 * @param users   users.jsonl: the API view of every user (ids, attributes, groups, roles, ferry* flags)
 * @param offline offline-export.json (kc.sh export: hashes, TOTP, keys), or null when the bundle carries none
 * @param leftOut left-out.json: what the API path did not carry (empty when absent, as in bundles written before it)
 */
public record KeycloakBundle(ObjectNode realm, List<ObjectNode> users, ObjectNode offline, List<LeftOut> leftOut) {
    private static final String STORE = StoreKind.KEYCLOAK.label();

    public static KeycloakBundle read(VerifiedBundle bundle) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode[] realm = new ObjectNode[1];
        ObjectNode[] offline = new ObjectNode[1];
        List<ObjectNode> users = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        bundle.read(STORE, 1, entry -> {
            switch (entry.path()) {
                case RealmEntries.REALM -> realm[0] = (ObjectNode) json.readTree(entry.open());
                case RealmEntries.OFFLINE_EXPORT -> offline[0] = (ObjectNode) json.readTree(entry.open());
                case RealmEntries.LEFT_OUT -> leftOut.addAll(LeftOutValues.read(entry.open()));
                case RealmEntries.USERS -> {
                    BufferedReader r = new BufferedReader(new InputStreamReader(entry.open(), StandardCharsets.UTF_8));
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (!line.isBlank()) {
                            users.add((ObjectNode) json.readTree(line));
                        }
                    }
                }
                default -> {
                    // crosscheck.json is for the operator and validate; the load does not need it
                }
            }
        });
        if (realm[0] == null) {
            throw new VerificationException("the bundle's keycloak store has no " + RealmEntries.REALM,
                    "the bundle was not written by a compatible ferry-export; export again");
        }
        return new KeycloakBundle(realm[0], users, offline[0], List.copyOf(leftOut));
    }

    /**
     * The service-account users realm.json carries (partial-export's, with their ids); empty in bundles written before
     * they were carried, whose clients then get new service-account users on the Target.
     */
    public List<ObjectNode> serviceAccounts() {
        List<ObjectNode> out = new ArrayList<>();
        realm.path("users").forEach(u -> {
            if (u.hasNonNull("serviceAccountClientId") && u instanceof ObjectNode o) {
                out.add(o);
            }
        });
        return out;
    }

    /** The users as they will be imported: from the offline export when it has them (hashes), else from the API view. */
    public Map<String, ObjectNode> offlineUsersById() {
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        if (offline != null && offline.has("users")) {
            offline.get("users").forEach(u -> m.put(u.path("id").asText(), (ObjectNode) u));
        }
        return m;
    }

    /** username → id, from the API view (used to map username-form OpenFGA subjects). */
    public Map<String, String> usernameToId() {
        Map<String, String> m = new LinkedHashMap<>();
        users.forEach(u -> m.put(u.path("username").asText(), u.path("id").asText()));
        return m;
    }

    /** id → username of every carried user, sorted by id. */
    public Map<String, String> usernamesById() {
        Map<String, String> m = new TreeMap<>();
        users.forEach(u -> m.put(u.path("id").asText(), u.path("username").asText()));
        return m;
    }

    /** group id → the ids of its carried members, from the users' ferryGroupIds. */
    public Map<String, Set<String>> memberIdsByGroup() {
        Map<String, Set<String>> m = new TreeMap<>();
        for (JsonNode u : users) {
            String id = u.path("id").asText();
            u.path("ferryGroupIds").forEach(g -> m.computeIfAbsent(g.asText(), k -> new TreeSet<>()).add(id));
        }
        return m;
    }

    /** Every group of realm.json, depth first, as (id, path). */
    public Map<String, String> groupPathsById() {
        Map<String, String> m = new LinkedHashMap<>();
        walk(realm.path("groups"), "", m);
        return m;
    }

    private static void walk(JsonNode groups, String parent, Map<String, String> out) {
        for (Iterator<JsonNode> it = groups.elements(); it.hasNext();) {
            JsonNode g = it.next();
            String path = g.hasNonNull("path") ? g.get("path").asText() : parent + "/" + g.path("name").asText();
            out.put(g.path("id").asText(), path);
            walk(g.path("subGroups"), path, out);
        }
    }
}
