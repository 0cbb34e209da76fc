package dev.ferry.importer.upgrade.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.common.StoreException;
import dev.ferry.stores.keycloak.KeycloakClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the upgrade needs from the kea realm (fred-stores.md §3.1, §5.1), read once through the admin API: kea teams
 * are root groups, so their names and members; the holders of each {@code app} client role, directly or through a
 * group (kea injects {@code resource_access.app.roles} as organization roles); and every user's sub. All of it is per
 * user or per group, so it is held. Keycloak is only read.
 *
 * @param groupNames     root group id → name
 * @param groupMembers   root group id → member subs
 * @param appClientRoles app client role → subs holding it
 * @param userIds        every user's sub
 */
public record KeycloakFacts(Map<String, String> groupNames, Map<String, Set<String>> groupMembers, Map<String, Set<String>> appClientRoles,
        Set<String> userIds) {

    private static final int PAGE = 100;

    public static KeycloakFacts read(KeycloakClient kc, String appClientId) {
        String realm = kc.config().realm();
        Map<String, String> names = new TreeMap<>();
        kc.forEachGroup(realm, g -> {
            String path = g.path("path").asText("");
            if (path.lastIndexOf('/') == 0) {
                names.put(g.path("id").asText(), g.path("name").asText());
            }
        });
        Map<String, Set<String>> members = new TreeMap<>();
        for (String id : names.keySet()) {
            members.put(id, new TreeSet<>(kc.memberIds(id)));
        }
        Set<String> users = new TreeSet<>();
        kc.forEachUser(realm, u -> users.add(u.path("id").asText()));
        return new KeycloakFacts(names, members, appRoles(kc, appClientId), users);
    }

    private static Map<String, Set<String>> appRoles(KeycloakClient kc, String appClientId) {
        String base = kc.realmPath();
        JsonNode clients = kc.get(base + "/clients?clientId=" + KeycloakClient.q(appClientId));
        if (clients == null || clients.isEmpty()) {
            throw new StoreException("the realm " + kc.config().realm() + " has no client '" + appClientId
                    + "': kea reads its organization roles from that client's roles (fred-stores.md §3.1)",
                    "Check keycloak.realm (kea's realm is 'app'); the realm must be the one chapter 1 loaded.");
        }
        String client = base + "/clients/" + KeycloakClient.q(clients.get(0).path("id").asText());
        Map<String, Set<String>> holders = new TreeMap<>();
        JsonNode roles = kc.get(client + "/roles");
        for (JsonNode role : roles == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : roles) {
            String name = role.path("name").asText();
            Set<String> subs = new TreeSet<>();
            String rolePath = client + "/roles/" + KeycloakClient.q(name);
            for (int first = 0;; first += PAGE) {
                JsonNode page = kc.get(rolePath + "/users?briefRepresentation=true&first=" + first + "&max=" + PAGE);
                if (page == null || page.isEmpty()) {
                    break;
                }
                page.forEach(u -> subs.add(u.path("id").asText()));
                if (page.size() < PAGE) {
                    break;
                }
            }
            JsonNode groups = kc.get(rolePath + "/groups?briefRepresentation=true&max=1000");
            if (groups != null) {
                groups.forEach(g -> subs.addAll(kc.memberIds(g.path("id").asText())));
            }
            holders.put(name, subs);
        }
        return holders;
    }
}
