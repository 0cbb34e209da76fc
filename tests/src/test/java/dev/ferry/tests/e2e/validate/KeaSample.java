package dev.ferry.tests.e2e.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small kea Source as the exporter would carry it (docs/bundle-contents.md), with fresh ids for every instance:
 * Keycloak user and group ids are unique across a whole Keycloak database, so every test needs its own.
 * The named people: alice (team-a/sub, attribute, roles), bob (team-b) and carol (WebAuthn); {@code bulkUsers} more.
 * OpenFGA: UUID-form tuples, a username twin of one (alice), username-only tuples for bob (mappable) and dave (not a
 * Keycloak user: unmappable), a {@code user:*} subject, team/tag/organization subjects, and {@code bulkTuples} more.
 */
final class KeaSample {
    final ObjectMapper json = new ObjectMapper();
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String realm = "kea-" + suffix;
    final String teamA = UUID.randomUUID().toString();
    final String teamASub = UUID.randomUUID().toString();
    final String teamB = UUID.randomUUID().toString();
    final User alice = new User(UUID.randomUUID().toString(), "alice-" + suffix, List.of("/team-a/sub"), List.of(teamASub), false);
    final User bob = new User(UUID.randomUUID().toString(), "bob-" + suffix, List.of("/team-b"), List.of(teamB), false);
    final User carol = new User(UUID.randomUUID().toString(), "carol-" + suffix, List.of(), List.of(), true);
    final List<User> users = new ArrayList<>();
    final String documentsBucket = "kea-docs-" + suffix;
    final String bannersBucket = "kea-banners-" + suffix;
    final int bulkTuples;

    record User(String id, String username, List<String> groupPaths, List<String> groupIds, boolean webAuthn) {
        String email() {
            return username + "@example.test";
        }
    }

    KeaSample(int bulkUsers, int bulkTuples) {
        users.addAll(List.of(alice, bob, carol));
        for (int i = 0; i < bulkUsers; i++) {
            users.add(new User(UUID.randomUUID().toString(), "user" + i + "-" + suffix, List.of("/team-b"), List.of(teamB), false));
        }
        this.bulkTuples = bulkTuples;
    }

    ObjectNode realmJson() {
        ObjectNode r = json.createObjectNode();
        r.put("realm", realm);
        r.put("enabled", true);
        ArrayNode groups = r.putArray("groups");
        ObjectNode a = groups.addObject().put("id", teamA).put("name", "team-a").put("path", "/team-a");
        a.putObject("attributes").putArray("costCenter").add("cc-100");
        a.putArray("subGroups").addObject().put("id", teamASub).put("name", "sub").put("path", "/team-a/sub").putArray("subGroups");
        groups.addObject().put("id", teamB).put("name", "team-b").put("path", "/team-b").putArray("subGroups");
        ObjectNode roles = r.putObject("roles");
        roles.putArray("realm").addObject().put("name", "app-user");
        ArrayNode appRoles = roles.putObject("client").putArray("app");
        appRoles.addObject().put("name", "admin");
        appRoles.addObject().put("name", "viewer");
        ObjectNode client = r.putArray("clients").addObject().put("clientId", "app").put("publicClient", true)
                .put("directAccessGrantsEnabled", true);
        client.putArray("redirectUris").add("http://127.0.0.1:9999/*");
        return r;
    }

    ObjectNode userJson(User u) {
        ObjectNode n = json.createObjectNode();
        n.put("id", u.id()).put("username", u.username()).put("email", u.email()).put("firstName", "First").put("lastName", "Last")
                .put("enabled", true).put("emailVerified", true);
        ObjectNode attrs = n.putObject("attributes");
        attrs.putArray("department").add(u == alice ? "engineering" : "sales");
        if (u == alice) {
            attrs.putArray("employeeNo").add("E-001");
        }
        n.putArray("requiredActions");
        ArrayNode realmRoles = n.putArray("realmRoles");
        realmRoles.add("app-user");
        if (u == alice) {
            n.putObject("clientRoles").putArray("app").add("admin");
        }
        ArrayNode groups = n.putArray("groups");
        u.groupPaths().forEach(groups::add);
        ArrayNode ids = n.putArray("ferryGroupIds");
        u.groupIds().forEach(ids::add);
        ArrayNode creds = n.putArray("ferryCredentialTypes");
        creds.add("password");
        if (u.webAuthn()) {
            creds.add("webauthn");
        }
        n.put("ferryPasswordCarried", false);
        n.put("ferryNeedsWebAuthnReenrolment", u.webAuthn());
        return n;
    }

    long memberships() {
        return users.stream().mapToLong(u -> u.groupIds().size()).sum();
    }

    // ---------------------------------------------------------------- OpenFGA

    /** Two models, newest first: the newest adds tag#viewer, so a tag viewer tuple is valid only under it. */
    ObjectNode modelsJson() {
        ObjectNode m = json.createObjectNode();
        m.put("storeName", "kea");
        m.put("storeId", "01JSOURCESTORE0000000000000");
        ArrayNode models = m.putArray("models");
        models.add(model("01JMODELNEW000000000000000", true));
        models.add(model("01JMODELOLD000000000000000", false));
        m.put("latestModelId", "01JMODELNEW000000000000000");
        return m;
    }

    private ObjectNode model(String id, boolean withViewer) {
        ObjectNode m = json.createObjectNode();
        m.put("id", id);
        m.put("schema_version", "1.1");
        ArrayNode types = m.putArray("type_definitions");
        types.addObject().put("type", "user").putObject("relations");
        type(types, "organization", Map.of("admin", List.of("user")));
        type(types, "team", Map.of("organization", List.of("organization"), "owner", List.of("user"), "member", List.of("user"),
                "public", List.of("user:*")));
        type(types, "agent", Map.of("owner", List.of("user", "team")));
        type(types, "tag", withViewer ? Map.of("owner", List.of("user", "team"), "viewer", List.of("user", "team"), "parent", List.of("tag"))
                : Map.of("owner", List.of("user", "team"), "parent", List.of("tag")));
        type(types, "document", Map.of("parent", List.of("tag")));
        m.putObject("conditions");
        return m;
    }

    private static void type(ArrayNode types, String name, Map<String, List<String>> relations) {
        ObjectNode t = types.addObject().put("type", name);
        ObjectNode rels = t.putObject("relations");
        ObjectNode meta = t.putObject("metadata").putObject("relations");
        relations.forEach((rel, allowed) -> {
            rels.putObject(rel).putObject("this");
            ArrayNode direct = meta.putObject(rel).putArray("directly_related_user_types");
            for (String a : allowed) {
                if (a.endsWith(":*")) {
                    direct.addObject().put("type", a.substring(0, a.length() - 2)).putObject("wildcard");
                } else {
                    direct.addObject().put("type", a);
                }
            }
        });
    }

    /** Every tuple as tuples.jsonl carries it: {user, relation, object, condition, timestamp}. */
    List<String[]> tuples() {
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"user:" + alice.id(), "member", "team:" + teamASub});
        t.add(new String[] {"user:" + alice.username(), "member", "team:" + teamASub}); // username twin of the one above
        t.add(new String[] {"user:" + bob.username(), "owner", "tag:t1-" + suffix});    // username only: mappable
        t.add(new String[] {"user:dave-" + suffix, "owner", "agent:a1-" + suffix});     // username only: not a Keycloak user
        t.add(new String[] {"user:*", "public", "team:" + teamA});
        t.add(new String[] {"organization:fred", "organization", "team:" + teamA});
        t.add(new String[] {"team:" + teamB, "owner", "tag:t1-" + suffix});
        t.add(new String[] {"user:" + carol.id(), "viewer", "tag:t1-" + suffix});
        t.add(new String[] {"user:" + bob.id(), "owner", "agent:a2-" + suffix});
        for (int i = 0; i < bulkTuples; i++) {
            t.add(new String[] {"tag:t1-" + suffix, "parent", "document:" + documentUid(i)});
        }
        return t;
    }

    static String documentUid(int i) {
        return String.format("%032x", i + 1L);
    }

    long usernameFormTuples() {
        return 3;
    }
}
