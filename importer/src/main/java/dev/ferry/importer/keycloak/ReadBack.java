package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * After the load, reads the realm back and compares it with the bundle: groups, users and memberships by the same
 * definition validate uses ({@link RealmComparison}), then each carried user's attributes and role mappings. A
 * difference here means Keycloak silently dropped something (an attribute its profile refused, a membership whose
 * group path did not resolve).
 */
final class ReadBack {
    private final KeycloakClient client;

    ReadBack(KeycloakClient client) {
        this.client = client;
    }

    List<String> differences(KeycloakBundle bundle) {
        List<String> diffs = new ArrayList<>();
        Map<String, String> groups = client.groupPathsById();
        RealmComparison.groups(bundle, groups, diffs::add);
        RealmComparison.users(bundle, client.usernamesById(), diffs::add);
        RealmComparison.memberships(bundle, groups.keySet(), client::memberIds, diffs::add);
        for (ObjectNode u : bundle.users()) {
            String id = u.path("id").asText();
            String name = u.path("username").asText();
            JsonNode t = client.get(client.realmPath() + "/users/" + KeycloakClient.q(id));
            if (t == null) {
                continue; // named above as missing
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = u.path("attributes").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> a = it.next();
                if (!a.getValue().equals(t.path("attributes").path(a.getKey()))) {
                    diffs.add("user '" + name + "': attribute '" + a.getKey() + "' differs or is missing");
                }
            }
            JsonNode roles = client.get(client.realmPath() + "/users/" + KeycloakClient.q(id) + "/role-mappings");
            if (u.has("realmRoles") && roles != null) {
                Set<String> actual = new TreeSet<>();
                roles.path("realmMappings").forEach(r -> actual.add(r.path("name").asText()));
                Set<String> expected = texts(u.get("realmRoles"));
                if (!actual.containsAll(expected)) {
                    diffs.add("user '" + name + "': realm roles " + actual + ", expected at least " + expected);
                }
            }
            if (u.has("clientRoles") && roles != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = u.get("clientRoles").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> c = it.next();
                    Set<String> actual = new TreeSet<>();
                    roles.path("clientMappings").path(c.getKey()).path("mappings").forEach(r -> actual.add(r.path("name").asText()));
                    Set<String> expected = texts(c.getValue());
                    if (!actual.containsAll(expected)) {
                        diffs.add("user '" + name + "': client roles of " + c.getKey() + " " + actual + ", expected " + expected);
                    }
                }
            }
        }
        return diffs;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> s = new TreeSet<>();
        if (array != null) {
            array.forEach(n -> s.add(n.asText()));
        }
        return s;
    }
}
