package dev.ferry.stores.keycloak;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who holds which group, role and identity-provider link, read realm-wide through the Admin API's inverse lookups
 * instead of asking every user (docs/reference/keycloak.md §12): each group's direct members, the users each realm
 * role and each client role is mapped to directly (a role held through a composite or a group is not listed, exactly
 * as a user's own role-mappings leave it out), and the users linked to each identity provider. What a user holds is
 * then answered in the order the users.jsonl object gives it: groups by name then path, role names sorted, clients by
 * clientId.
 *
 * <p>Memory: ids only, never a user representation. One map entry per user holding at least one membership, and one
 * reference per membership (user → group, user → role) to a record shared by every holder; plus one id per user
 * linked to an identity provider. So the bound is O(users + memberships + groups + roles): at 500 users a few hundred
 * kilobytes (tests/bench/keycloak-read/RESULTS.md).
 *
 * <p>A snapshot of the moment it is read: a user created after it holds nothing here. The export's freeze guard
 * re-reads, and validate reads after the load, so a realm that moved in between is still seen.
 */
final class RealmMemberships {
    /** A group as a member's groups list it. */
    record Group(String id, String name, String path) {
    }

    /** A client role as a user's clientRoles name it: the client's clientId and the role's name. */
    record ClientRole(String clientId, String name) {
    }

    /** How a user's groups are ordered: by name, as Keycloak lists them, then by path for groups of one name. */
    static final Comparator<Group> GROUP_ORDER = Comparator.comparing(Group::name).thenComparing(Group::path);

    private final Map<String, List<Group>> groups = new HashMap<>();
    private final Map<String, List<String>> realmRoles = new HashMap<>();
    private final Map<String, List<ClientRole>> clientRoles = new HashMap<>();
    private final Set<String> linked = new HashSet<>();

    private RealmMemberships() {
    }

    /** Reads the realm's memberships, role mappings and identity-provider links, a few lookups at a time. */
    static RealmMemberships read(KeycloakClient client, ConcurrentReads reads) {
        RealmMemberships m = new RealmMemberships();
        String realm = client.realmPath();

        List<Group> allGroups = new ArrayList<>();
        client.forEachGroup(client.config().realm(),
                g -> allGroups.add(new Group(g.path("id").asText(), g.path("name").asText(), g.path("path").asText())));
        List<List<String>> members = reads.map(allGroups,
                g -> ids(client, realm + "/groups/" + KeycloakClient.q(g.id()) + "/members?briefRepresentation=true"));
        for (int i = 0; i < allGroups.size(); i++) {
            Group g = allGroups.get(i);
            members.get(i).forEach(user -> m.groups.computeIfAbsent(user, k -> new ArrayList<>(2)).add(g));
        }

        List<String> realmRoleNames = new ArrayList<>();
        client.forEachPaged(realm + "/roles?briefRepresentation=true", r -> realmRoleNames.add(r.path("name").asText()));
        List<List<String>> mapped = reads.map(realmRoleNames,
                name -> ids(client, realm + "/roles/" + KeycloakClient.q(name) + "/users?briefRepresentation=true"));
        for (int i = 0; i < realmRoleNames.size(); i++) {
            String name = realmRoleNames.get(i);
            mapped.get(i).forEach(user -> m.realmRoles.computeIfAbsent(user, k -> new ArrayList<>(2)).add(name));
        }

        List<String[]> clients = new ArrayList<>(); // {internal id, clientId}
        client.forEachPaged(realm + "/clients", c -> clients.add(new String[] {c.path("id").asText(), c.path("clientId").asText()}));
        List<List<ClientRole>> rolesOfClients = reads.map(clients, c -> {
            List<ClientRole> roles = new ArrayList<>();
            client.forEachPaged(realm + "/clients/" + KeycloakClient.q(c[0]) + "/roles?briefRepresentation=true",
                    r -> roles.add(new ClientRole(c[1], r.path("name").asText())));
            return roles;
        });
        List<ClientRole> clientRoleList = new ArrayList<>();
        List<String> clientRolePaths = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            for (ClientRole r : rolesOfClients.get(i)) {
                clientRoleList.add(r);
                clientRolePaths.add(realm + "/clients/" + KeycloakClient.q(clients.get(i)[0]) + "/roles/" + KeycloakClient.q(r.name())
                        + "/users?briefRepresentation=true");
            }
        }
        List<List<String>> clientMapped = reads.map(clientRolePaths, path -> ids(client, path));
        for (int i = 0; i < clientRoleList.size(); i++) {
            ClientRole r = clientRoleList.get(i);
            clientMapped.get(i).forEach(user -> m.clientRoles.computeIfAbsent(user, k -> new ArrayList<>(2)).add(r));
        }

        List<String> aliases = new ArrayList<>();
        client.forEachPaged(realm + "/identity-provider/instances?briefRepresentation=true", p -> aliases.add(p.path("alias").asText()));
        reads.map(aliases, alias -> ids(client, realm + "/users?briefRepresentation=true&idpAlias=" + KeycloakClient.q(alias)))
                .forEach(m.linked::addAll);
        return m;
    }

    private static List<String> ids(KeycloakClient client, String path) {
        List<String> out = new ArrayList<>();
        client.forEachPaged(path, u -> out.add(u.path("id").asText()));
        return out;
    }

    /** The user's direct groups, by name then path. */
    List<Group> groupsOf(String userId) {
        List<Group> out = new ArrayList<>(groups.getOrDefault(userId, List.of()));
        out.sort(GROUP_ORDER);
        return out;
    }

    /** The names of the realm roles mapped to the user directly, sorted. */
    List<String> realmRolesOf(String userId) {
        return realmRoles.getOrDefault(userId, List.of()).stream().sorted().toList();
    }

    /** clientId → the names of that client's roles mapped to the user directly, sorted; only clients with one. */
    SortedMap<String, List<String>> clientRolesOf(String userId) {
        SortedMap<String, List<String>> out = new TreeMap<>();
        for (ClientRole r : clientRoles.getOrDefault(userId, List.of())) {
            out.computeIfAbsent(r.clientId(), k -> new ArrayList<>()).add(r.name());
        }
        out.values().forEach(names -> names.sort(null));
        return out;
    }

    /** Whether the user is linked to at least one identity provider (only those are asked for their links). */
    boolean hasFederatedIdentity(String userId) {
        return linked.contains(userId);
    }
}
