package dev.ferry.tests.e2e.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.KeycloakClient;
import dev.ferry.stores.keycloak.RealmReader;
import dev.ferry.tests.generator.ShapedRealm;
import dev.ferry.tests.generator.ShapedRealmSeeder;
import dev.ferry.tests.harness.KeycloakRest;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The users the reader builds from realm-wide lookups (group members, role users, identity-provider users) are the
 * users.jsonl objects that asking every user for its groups, role mappings, links and credentials gives
 * ({@link PerUserOracle}, the reading Ferry did before), on the real Keycloak 26.4, in the same order. The realm is the
 * shaped realm (nested groups with role mappings, composite realm and client roles, an OIDC identity provider, OTP)
 * plus a user in two groups of one name under different parents, with direct and composite roles and an
 * identity-provider link, a disabled user with nothing, and 120 more users, so that every lookup spans two pages.
 */
@ExtendWith(StoresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkUserReadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MORE_USERS = 120;

    private String realm;
    private KeycloakRest kc;

    @BeforeAll
    void seed(Stores stores) {
        kc = new KeycloakRest(stores.source().keycloak());
        ShapedRealm shaped = ShapedRealm.create(AdminApiMasksTest.uniqueRealm("bulk"));
        realm = shaped.name();
        ObjectNode json = shaped.copy();
        ArrayNode groups = (ArrayNode) json.get("groups");
        for (JsonNode g : groups) {
            ((ArrayNode) g.get("subGroups")).addObject().put("name", "team").put("path", g.get("path").asText() + "/team");
        }
        groups.addObject().put("name", "alpha").put("path", "/alpha");
        ArrayNode users = (ArrayNode) json.get("users");
        ObjectNode multi = users.addObject().put("username", "multi").put("enabled", true).put("email", "multi@example.test");
        multi.putArray("groups").add("/staff/team").add("/partners/team").add("/alpha").add("/staff/editors");
        multi.putArray("realmRoles").add("default-roles-" + realm).add("kea-admin").add("auditor");
        ObjectNode clientRoles = multi.putObject("clientRoles");
        clientRoles.putArray("kea-web").add("viewer");
        clientRoles.putArray("kea-backend").add("reader");
        multi.putArray("federatedIdentities").addObject().put("identityProvider", "corp-oidc").put("userId", "ext-multi")
                .put("userName", "multi@corp.example");
        multi.putArray("credentials").addObject().put("type", "password").put("value", "Multi-Pass-1").put("temporary", false);
        users.addObject().put("username", "idle").put("enabled", false);
        for (int i = 0; i < MORE_USERS; i++) {
            ObjectNode u = users.addObject().put("username", String.format("more%03d", i)).put("enabled", true);
            u.putArray("groups").add("/alpha");
            u.putArray("realmRoles").add("default-roles-" + realm).add("auditor");
            u.putObject("clientRoles").putArray("kea-web").add("viewer");
            u.putArray("federatedIdentities").addObject().put("identityProvider", "corp-oidc").put("userId", "ext-" + i)
                    .put("userName", "more" + i + "@corp.example");
        }
        ShapedRealmSeeder.seed(kc, new ShapedRealm(realm, json, shaped.ids(), shaped.signingKey(), shaped.encryptionKey()));
    }

    @Test
    void theBulkReadGivesTheObjectsThePerUserReadGivesInTheSameOrder() {
        List<ObjectNode> bulk = new ArrayList<>();
        List<ObjectNode> perUser;
        try (KeycloakClient client = KeycloakClient.connect(FerryApiRead.config(kc.endpoint(), realm))) {
            new RealmReader(client).forEachUser(bulk::add);
            perUser = new PerUserOracle(client).users(false);
        }
        assertEquals(MORE_USERS + 5, perUser.size(), "the oracle read every user");
        assertEquals(perUser, bulk);
    }

    @Test
    void withCredentialMetadataTooAsValidateReadsIt() {
        List<ObjectNode> bulk = new ArrayList<>();
        List<ObjectNode> perUser;
        try (KeycloakClient client = KeycloakClient.connect(FerryApiRead.config(kc.endpoint(), realm))) {
            new RealmReader(client).forEachUserWithCredentialMetadata(bulk::add);
            perUser = new PerUserOracle(client).users(true);
        }
        assertEquals(perUser, bulk);
        ObjectNode olga = find(bulk, "olga");
        assertEquals(List.of("password", "otp"), texts(olga.get("ferryCredentialTypes")));
        assertEquals(2, olga.get("ferryCredentials").size());
        olga.get("ferryCredentials").forEach(c -> {
            assertFalse(c.path("id").asText().isEmpty(), c.toString());
            assertTrue(c.path("createdDate").asLong() > 0, c.toString());
        });
    }

    /** What the realm holds, stated by hand: only direct mappings count, groups by name then path. */
    @Test
    void onlyDirectMembershipsAndMappingsAreRead() {
        List<ObjectNode> bulk = new ArrayList<>();
        try (KeycloakClient client = KeycloakClient.connect(FerryApiRead.config(kc.endpoint(), realm))) {
            new RealmReader(client).forEachUser(bulk::add);
        }
        ObjectNode multi = find(bulk, "multi");
        assertEquals(List.of("/alpha", "/staff/editors", "/partners/team", "/staff/team"), texts(multi.get("groups")));
        assertEquals(4, multi.get("ferryGroupIds").size());
        // kea-admin is composite (kea-user, kea-backend/editor) and /staff maps kea-user: neither is a direct mapping.
        assertEquals(List.of("auditor", "default-roles-" + realm, "kea-admin"), texts(multi.get("realmRoles")));
        assertEquals(JSON.createObjectNode().<ObjectNode>set("kea-backend", JSON.createArrayNode().add("reader"))
                .set("kea-web", JSON.createArrayNode().add("viewer")), multi.get("clientRoles"));
        assertEquals(List.of(Map.of("identityProvider", "corp-oidc", "userId", "ext-multi", "userName", "multi@corp.example")),
                JSON.convertValue(multi.get("federatedIdentities"), List.class));
        assertEquals(List.of("password"), texts(multi.get("ferryCredentialTypes")));

        ObjectNode idle = find(bulk, "idle");
        assertFalse(idle.get("enabled").asBoolean());
        assertEquals(0, idle.get("groups").size());
        assertEquals(0, idle.get("federatedIdentities").size());
        assertEquals(0, idle.get("ferryCredentialTypes").size());

        assertEquals(List.of("/staff/editors"), texts(find(bulk, "ada").get("groups")));
        assertEquals(List.of("/alpha"), texts(find(bulk, "more119").get("groups")));
        assertEquals(List.of("auditor", "default-roles-" + realm), texts(find(bulk, "more119").get("realmRoles")));
    }

    private static ObjectNode find(List<ObjectNode> users, String username) {
        return users.stream().filter(u -> u.path("username").asText().equals(username)).findFirst()
                .orElseThrow(() -> new AssertionError("no user " + username));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
