package dev.ferry.tests.e2e.keycloak;

import static dev.ferry.tests.e2e.keycloak.AdminApiMasksTest.uniqueRealm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.tests.generator.ShapedRealm;
import dev.ferry.tests.generator.ShapedRealmSeeder;
import dev.ferry.tests.harness.KeycloakRest;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API-only path into a Target where the realm exists already: {@code partialImport} of groups, roles, clients and
 * identity providers, then of the users, as the loader does (docs/reference/keycloak-paths.md §3). Measured on the real
 * Keycloak 26.4 with the shaped realm, masks left out.
 */
@ExtendWith(StoresExtension.class)
class PresentRealmPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STRUCTURE = List.of("groups", "roles", "clients", "identityProviders", "identityProviderMappers");

    private record Sides(KeycloakRest source, KeycloakRest target, ShapedRealm shaped, ObjectNode realm, FerryApiRead read) {
        String at() {
            return "/admin/realms/" + shaped.name();
        }

        KeycloakRest.Answer partialImport(ObjectNode body) {
            return target.post(at() + "/partialImport", body);
        }
    }

    /** The Source seeded, the Target realm created empty, and Ferry's read of the Source with its masks left out. */
    private static Sides prepare(Stores stores, ShapedRealm shaped) {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        ShapedRealmSeeder.seed(source, shaped);
        FerryApiRead read = FerryApiRead.of(source.endpoint(), shaped.name());
        ObjectNode empty = JSON.createObjectNode().put("realm", shaped.name()).put("enabled", true);
        assertEquals(201, target.post("/admin/realms", empty).status());
        return new Sides(source, target, shaped, MaskedValues.leaveOut(read.realmForPost()).realm(), read);
    }

    private static ObjectNode body(String policy, JsonNode realm, List<String> fields) {
        ObjectNode body = JSON.createObjectNode().put("ifResourceExists", policy);
        fields.forEach(f -> {
            if (realm.has(f)) {
                body.set(f, realm.get(f).deepCopy());
            }
        });
        return body;
    }

    private static ObjectNode users(String policy, List<? extends JsonNode> users) {
        ObjectNode body = JSON.createObjectNode().put("ifResourceExists", policy);
        ArrayNode list = body.putArray("users");
        users.forEach(list::add);
        return body;
    }

    @Test
    void aUserPolicyFailsTheWholeStructureImportWith500(Stores stores) {
        Sides s = prepare(stores, ShapedRealm.create(uniqueRealm("pi-userpolicy")));
        KeycloakRest.Answer a = s.partialImport(body("SKIP", s.realm, STRUCTURE));
        assertEquals(500, a.status(), "clients (and their policies) are imported before users: " + a.body());
        assertEquals(0, s.target.json(s.at() + "/groups").size(), "nothing of the batch was written");
        // The same with the users in the request: still 500, because partialImport takes clients first, users last.
        ObjectNode withUsers = body("SKIP", s.realm, STRUCTURE);
        ArrayNode list = withUsers.putArray("users");
        s.read.usersForImport().forEach(list::add);
        assertEquals(500, s.partialImport(withUsers).status());
    }

    @Test
    void skipRenewsRoleAndClientIdsLosesPolicyReferencesScopeMappingsAndServiceAccountIds(Stores stores) {
        ShapedRealm shaped = ShapedRealm.create(uniqueRealm("pi-skip"));
        ShapedVariants.withoutPolicy(shaped.json(), "kea-backend", "ada-only");
        Sides s = prepare(stores, shaped);
        KeycloakRest.Answer structure = s.partialImport(body("SKIP", s.realm, STRUCTURE));
        assertEquals(200, structure.status(), structure.body());
        assertEquals(200, s.partialImport(users("SKIP", s.read.usersForImport())).status());

        RealmSnapshot src = RealmSnapshot.of(s.source, shaped.name());
        RealmSnapshot tgt = RealmSnapshot.of(s.target, shaped.name());
        Map<String, String> shapedOnly = new TreeMap<>(tgt.kept(src.byLabel()));
        shapedOnly.keySet().retainAll(shaped.ids().keySet());
        Map<String, String> expected = new TreeMap<>();
        shaped.ids().keySet().forEach(label -> expected.put(label, "kept"));
        for (String renewed : List.of("realm", "role:default-roles", "role:offline_access", "role:uma_authorization",
                "role:kea-user", "role:kea-admin", "role:auditor", "role:kea-backend/reader", "role:kea-backend/editor",
                "role:kea-web/viewer", "client:kea-backend", "client:kea-web", "client:kea-worker")) {
            expected.put(renewed, "new");
        }
        for (String absent : List.of("component:imported-rsa", "component:imported-rsa-enc", "component:corp-ldap",
                "component:hmac-generated", "client-scope:kea-scope", "user:service-account-kea-backend",
                "user:service-account-kea-worker")) {
            expected.put(absent, "absent");
        }
        assertEquals(expected, shapedOnly, "groups, users and identity provider mappers keep their ids; roles and clients do "
                + "not; components and client scopes are not carried, and no service-account user exists");

        // Policies naming a role or a group lose the reference: clients (with their policies) come before roles and groups.
        assertEquals(Set.of("{\"id\":\"kea-backend/editor\",\"required\":false}"), src.policies("kea-backend").get("editors").get("roles"));
        assertEquals(Set.of(), tgt.policies("kea-backend").get("editors").get("roles"));
        assertEquals(Set.of("{\"path\":\"/staff\",\"extendChildren\":true}"), src.policies("kea-backend").get("staff-members").get("groups"));
        assertEquals(Set.of(), tgt.policies("kea-backend").get("staff-members").get("groups"));
        // Realm-level scope mappings, client-scope mappings and the client scope are not part of partialImport.
        assertFalse(tgt.partialExport().path("scopeMappings").toString().contains("kea-web"), tgt.partialExport().path("scopeMappings").toString());
        assertFalse(tgt.partialExport().path("clientScopeMappings").has("kea-backend"));
        // Realm settings are not either: the Target keeps its own (no SMTP, no events).
        JsonNode realm = s.target.json(s.at());
        assertFalse(realm.has("smtpServer") && realm.path("smtpServer").has("host"), realm.path("smtpServer").toString());
        assertFalse(realm.path("eventsEnabled").asBoolean());
        // Composites do come through.
        assertEquals(composites(src, "kea-admin"), composites(tgt, "kea-admin"));

        // No service-account user: partialImport makes none for a client, and GET /users lists none to carry. The client
        // cannot authenticate until one exists (the admin console makes one lazily when its tab is opened).
        KeycloakRest.Answer refused = clientCredentials(s.target, shaped.name());
        assertEquals(401, refused.status(), refused.body());
        assertTrue(refused.body().contains("service account for the client does not exist"), refused.body());

        // Importing partial-export's service-account users (SKIP) adds them with the Source's ids and role mappings.
        List<JsonNode> serviceAccounts = FerryApiRead.serviceAccounts(s.source, shaped.name());
        JsonNode added = s.partialImport(users("SKIP", serviceAccounts)).json();
        assertEquals(2, added.path("added").asInt(), added.toString());
        RealmSnapshot after = RealmSnapshot.of(s.target, shaped.name());
        assertEquals(src.users().get("service-account-kea-backend"), after.users().get("service-account-kea-backend"));
        assertEquals(src.users().get("service-account-kea-worker"), after.users().get("service-account-kea-worker"));
        String client = after.clients().get("kea-backend");
        assertEquals(src.users().get("service-account-kea-backend"),
                s.target.json(s.at() + "/clients/" + client + "/service-account-user").path("id").asText(), "the client uses it");
        JsonNode mappings = s.target.json(s.at() + "/users/" + src.users().get("service-account-kea-backend") + "/role-mappings");
        assertTrue(mappings.path("realmMappings").toString().contains("\"kea-user\""), mappings.toString());
        assertEquals(src.users().get("service-account-kea-backend"),
                Tokens.claims(Tokens.accessToken(clientCredentials(s.target, shaped.name()))).path("sub").asText(),
                "a client_credentials token's subject is the Source's service-account id");
    }

    private static KeycloakRest.Answer clientCredentials(KeycloakRest kc, String realm) {
        return kc.token(realm, Map.of("grant_type", "client_credentials", "client_id", "kea-backend",
                "client_secret", ShapedRealm.BACKEND_SECRET));
    }

    @Test
    void overwriteRenewsClientsAndDeletesTheirServiceAccounts(Stores stores) {
        ShapedRealm shaped = ShapedRealm.create(uniqueRealm("pi-over"));
        ShapedVariants.withoutPolicy(shaped.json(), "kea-backend", "ada-only");
        Sides s = prepare(stores, shaped);
        ObjectNode structure = body("SKIP", s.realm, STRUCTURE);
        ArrayNode list = structure.putArray("users");
        FerryApiRead.serviceAccounts(s.source, shaped.name()).forEach(list::add);
        assertEquals(200, s.partialImport(structure).status());
        RealmSnapshot first = RealmSnapshot.of(s.target, shaped.name());
        assertEquals(shaped.id("user:service-account-kea-backend"), first.users().get("service-account-kea-backend"),
                "sent in the same request as its client, the service account keeps its id");
        KeycloakRest.Answer again = s.partialImport(body("OVERWRITE", s.realm, STRUCTURE));
        assertEquals(200, again.status(), again.body());
        RealmSnapshot second = RealmSnapshot.of(s.target, shaped.name());
        assertNotEquals(first.clients().get("kea-backend"), second.clients().get("kea-backend"));
        assertNotEquals(first.realmRoles().get("kea-admin"), second.realmRoles().get("kea-admin"));
        assertFalse(second.users().containsKey("service-account-kea-backend"),
                "OVERWRITE deletes the client with its service account, and makes the client alone anew");
        assertEquals(401, clientCredentials(s.target, shaped.name()).status());
        assertEquals(first.groups(), second.groups(), "group ids survive even OVERWRITE");
    }

    @Test
    void aServiceAccountTheTargetMadeFirstIsSkippedAndOverwriteGivesItTheSourceId(Stores stores) {
        ShapedRealm shaped = ShapedRealm.create(uniqueRealm("pi-sa"));
        ShapedVariants.withoutPolicy(shaped.json(), "kea-backend", "ada-only");
        Sides s = prepare(stores, shaped);
        assertEquals(200, s.partialImport(body("SKIP", s.realm, STRUCTURE)).status());
        // Opening the client's service-account tab (this GET) makes the user, with an id of the Target's.
        String client = RealmSnapshot.of(s.target, shaped.name()).clients().get("kea-backend");
        String made = s.target.json(s.at() + "/clients/" + client + "/service-account-user").path("id").asText();
        String sourceId = shaped.id("user:service-account-kea-backend");
        assertNotEquals(sourceId, made);
        List<JsonNode> serviceAccounts = FerryApiRead.serviceAccounts(s.source, shaped.name());
        JsonNode skipped = s.partialImport(users("SKIP", serviceAccounts)).json();
        assertEquals(1, skipped.path("skipped").asInt(), skipped.toString());
        assertEquals(1, skipped.path("added").asInt(), "kea-worker's, which nothing had made yet: " + skipped);
        assertEquals(made, RealmSnapshot.of(s.target, shaped.name()).users().get("service-account-kea-backend"), "SKIP keeps the Target's");
        JsonNode overwritten = s.partialImport(users("OVERWRITE", serviceAccounts)).json();
        assertEquals(2, overwritten.path("overwritten").asInt(), "both exist by now (kea-worker's came with SKIP): " + overwritten);
        assertEquals(sourceId, RealmSnapshot.of(s.target, shaped.name()).users().get("service-account-kea-backend"),
                "OVERWRITE deletes the Target's and adds the Source's, id and role mappings");
        assertEquals(sourceId, s.target.json(s.at() + "/clients/" + client + "/service-account-user").path("id").asText());
        assertEquals(sourceId, Tokens.claims(Tokens.accessToken(clientCredentials(s.target, shaped.name()))).path("sub").asText());
    }

    @Test
    void idsAreUniqueAcrossTheWholeTargetDatabase(Stores stores) {
        ShapedRealm shaped = ShapedRealm.create(uniqueRealm("pi-ids"));
        ShapedVariants.withoutPolicy(shaped.json(), "kea-backend", "ada-only");
        Sides s = prepare(stores, shaped);
        assertEquals(200, s.partialImport(body("SKIP", s.realm, STRUCTURE)).status());
        // The same structure into a second realm of the same Target: the identity provider mappers keep their ids, which
        // the first realm holds already.
        String other = shaped.name() + "-2";
        assertEquals(201, s.target.post("/admin/realms", JSON.createObjectNode().put("realm", other).put("enabled", true)).status());
        KeycloakRest.Answer mappers = s.target.post("/admin/realms/" + other + "/partialImport", body("SKIP", s.realm, STRUCTURE));
        assertEquals(500, mappers.status(), "a primary key violation on IDENTITY_PROVIDER_MAPPER, not a 409: " + mappers.body());
        assertEquals(0, s.target.json("/admin/realms/" + other + "/groups").size(), "nothing of it was written");
        // Creating a realm with the ids of the first (its roles, clients, groups, components): refused too.
        ObjectNode copy = s.realm.deepCopy();
        copy.put("realm", shaped.name() + "-3");
        copy.remove("id");
        KeycloakRest.Answer created = s.target.post("/admin/realms", copy);
        assertEquals(500, created.status(), "a primary key violation, not a 409: " + created.body());
        assertEquals(404, s.target.get("/admin/realms/" + shaped.name() + "-3").status());
        s.target.delete("/admin/realms/" + other);
    }

    private static JsonNode composites(RealmSnapshot snapshot, String role) {
        for (JsonNode r : snapshot.partialExport().path("roles").path("realm")) {
            if (r.path("name").asText().equals(role)) {
                return r.path("composites");
            }
        }
        throw new AssertionError("no role " + role);
    }
}
