package dev.ferry.tests.e2e.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.tests.harness.KeycloakRest;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The internal ids a realm holds, read back from a running Keycloak, to tell which ones a path kept: realm roles by
 * name, clients by clientId, client roles as "clientId/role", groups by path, users by username (service accounts
 * included), components by name, identity provider mappers by name, and the key ids its JWKS publishes.
 */
record RealmSnapshot(Map<String, String> realmRoles, Map<String, String> clients, Map<String, String> clientRoles,
        Map<String, String> groups, Map<String, String> users, Map<String, String> components,
        Map<String, String> idpMappers, Set<String> kids, JsonNode partialExport) {

    static RealmSnapshot of(KeycloakRest kc, String realm) {
        String at = "/admin/realms/" + realm;
        JsonNode pe = FerryApiRead.partialExport(kc, realm);
        Map<String, String> realmRoles = new TreeMap<>();
        pe.path("roles").path("realm").forEach(r -> realmRoles.put(r.path("name").asText(), r.path("id").asText()));
        Map<String, String> clientRoles = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : pe.path("roles").path("client").properties()) {
            e.getValue().forEach(r -> clientRoles.put(e.getKey() + "/" + r.path("name").asText(), r.path("id").asText()));
        }
        Map<String, String> clients = new TreeMap<>();
        pe.path("clients").forEach(c -> clients.put(c.path("clientId").asText(), c.path("id").asText()));
        Map<String, String> groups = new TreeMap<>();
        groups(pe.path("groups"), groups);
        Map<String, String> users = new TreeMap<>();
        for (JsonNode u : kc.json(at + "/users?briefRepresentation=true&max=1000")) {
            users.put(u.path("username").asText(), u.path("id").asText());
        }
        pe.path("users").forEach(u -> users.put(u.path("username").asText(), u.path("id").asText()));
        Map<String, String> components = new TreeMap<>();
        for (Iterator<JsonNode> types = pe.path("components").elements(); types.hasNext();) {
            types.next().forEach(c -> components.put(c.path("name").asText(), c.path("id").asText()));
        }
        Map<String, String> mappers = new TreeMap<>();
        pe.path("identityProviderMappers").forEach(m -> mappers.put(m.path("name").asText(), m.path("id").asText()));
        Set<String> kids = new TreeSet<>();
        kc.json(at + "/keys").path("keys").forEach(k -> kids.add(k.path("kid").asText()));
        return new RealmSnapshot(realmRoles, clients, clientRoles, groups, users, components, mappers, kids, pe);
    }

    private static void groups(JsonNode list, Map<String, String> out) {
        for (JsonNode g : list) {
            out.put(g.path("path").asText(), g.path("id").asText());
            groups(g.path("subGroups"), out);
        }
    }

    /**
     * The client's authorization policies, name → config, as partial-export writes them (names, not ids); the JSON
     * lists inside a config are parsed and sorted, since Keycloak writes them in no fixed order.
     */
    Map<String, Map<String, Object>> policies(String clientId) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (JsonNode c : partialExport.path("clients")) {
            if (!c.path("clientId").asText().equals(clientId)) {
                continue;
            }
            for (JsonNode p : c.path("authorizationSettings").path("policies")) {
                Map<String, Object> config = new TreeMap<>();
                for (Map.Entry<String, JsonNode> e : p.path("config").properties()) {
                    config.put(e.getKey(), parsed(e.getValue().asText()));
                }
                out.put(p.path("name").asText(), config);
            }
        }
        return out;
    }

    private static Object parsed(String value) {
        try {
            JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(value);
            if (n != null && n.isArray()) {
                Set<String> items = new TreeSet<>();
                n.forEach(i -> items.add(i.toString()));
                return items;
            }
        } catch (java.io.IOException notJson) {
            // a plain value
        }
        return value;
    }

    /**
     * Every id under the labels {@link dev.ferry.tests.generator.ShapedRealm} uses: "realm", "role:NAME",
     * "role:CLIENT/NAME", "role:default-roles", "client:ID", "group:PATH", "user:NAME", "component:NAME",
     * "idp-mapper:NAME", "client-scope:NAME".
     */
    Map<String, String> byLabel() {
        Map<String, String> out = new TreeMap<>();
        out.put("realm", partialExport.path("id").asText());
        realmRoles.forEach((k, v) -> out.put("role:" + k, v));
        out.put("role:default-roles", partialExport.path("defaultRole").path("id").asText());
        clientRoles.forEach((k, v) -> out.put("role:" + k, v));
        clients.forEach((k, v) -> out.put("client:" + k, v));
        groups.forEach((k, v) -> out.put("group:" + k, v));
        users.forEach((k, v) -> out.put("user:" + k, v));
        components.forEach((k, v) -> out.put("component:" + k, v));
        idpMappers.forEach((k, v) -> out.put("idp-mapper:" + k, v));
        partialExport.path("clientScopes").forEach(c -> out.put("client-scope:" + c.path("name").asText(), c.path("id").asText()));
        return out;
    }

    /** For each of {@code expected} (label → id), whether this realm holds it: "kept", "new" (another id) or "absent". */
    Map<String, String> kept(Map<String, String> expected) {
        Map<String, String> actual = byLabel();
        Map<String, String> out = new TreeMap<>();
        expected.forEach((label, id) -> {
            String a = actual.get(label);
            out.put(label, a == null ? "absent" : a.equals(id) ? "kept" : "new");
        });
        return out;
    }

    /** The labels of {@link #kept} whose id was not kept, with what happened to them. */
    Map<String, String> notKept(Map<String, String> expected) {
        Map<String, String> out = new TreeMap<>(kept(expected));
        out.values().removeIf("kept"::equals);
        return out;
    }
}
