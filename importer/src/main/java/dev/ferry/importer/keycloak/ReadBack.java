package dev.ferry.importer.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * After the load, reads every carried user and group back and compares ids, memberships, role mappings and attributes
 * with the bundle. A difference here means Keycloak silently dropped something (an attribute its profile refused, a
 * membership whose group path did not resolve).
 */
final class ReadBack {
    private final KeycloakAdmin admin;
    private final String realmPath;

    ReadBack(KeycloakAdmin admin, String realmPath) {
        this.admin = admin;
        this.realmPath = realmPath;
    }

    List<String> differences(KeycloakBundle bundle) {
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, String> g : bundle.groupPathsById().entrySet()) {
            JsonNode group = admin.get(realmPath + "/groups/" + g.getKey());
            if (group == null) {
                diffs.add("group " + g.getValue() + " (" + g.getKey() + ") is missing");
            } else if (!g.getValue().equals(group.path("path").asText())) {
                diffs.add("group " + g.getKey() + " is " + group.path("path").asText() + ", expected " + g.getValue());
            }
        }
        for (ObjectNode u : bundle.users()) {
            String id = u.path("id").asText();
            String name = u.path("username").asText();
            JsonNode t = admin.get(realmPath + "/users/" + id);
            if (t == null) {
                diffs.add("user '" + name + "' (" + id + ") is missing");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = u.path("attributes").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> a = it.next();
                if (!a.getValue().equals(t.path("attributes").path(a.getKey()))) {
                    diffs.add("user '" + name + "': attribute '" + a.getKey() + "' differs or is missing");
                }
            }
            Set<String> expectedGroups = texts(u.has("ferryGroupIds") ? u.get("ferryGroupIds") : null);
            if (u.has("ferryGroupIds")) {
                Set<String> actual = new TreeSet<>();
                JsonNode groups = admin.get(realmPath + "/users/" + id + "/groups?briefRepresentation=true&max=1000");
                if (groups != null) {
                    groups.forEach(g -> actual.add(g.path("id").asText()));
                }
                if (!expectedGroups.equals(actual)) {
                    diffs.add("user '" + name + "': groups " + actual + ", expected " + expectedGroups);
                }
            }
            JsonNode roles = admin.get(realmPath + "/users/" + id + "/role-mappings");
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
