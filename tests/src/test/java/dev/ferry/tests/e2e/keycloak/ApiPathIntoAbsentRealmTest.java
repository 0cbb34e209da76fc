package dev.ferry.tests.e2e.keycloak;

import static dev.ferry.tests.e2e.keycloak.AdminApiMasksTest.MASK;
import static dev.ferry.tests.e2e.keycloak.AdminApiMasksTest.client;
import static dev.ferry.tests.e2e.keycloak.AdminApiMasksTest.component;
import static dev.ferry.tests.e2e.keycloak.AdminApiMasksTest.uniqueRealm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.tests.generator.ShapedRealm;
import dev.ferry.tests.generator.ShapedRealmSeeder;
import dev.ferry.tests.harness.KeycloakRest;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API-only path into a Target where the realm does not exist yet: {@code POST /admin/realms} with what Ferry's
 * API read gives (docs/reference/keycloak-paths.md §2). Measured on the real Keycloak 26.4 with the shaped realm.
 */
@ExtendWith(StoresExtension.class)
class ApiPathIntoAbsentRealmTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Sides(KeycloakRest source, KeycloakRest target, ShapedRealm shaped, FerryApiRead read) {
    }

    private static Sides prepare(Stores stores, ShapedRealm shaped) {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        ShapedRealmSeeder.seed(source, shaped);
        return new Sides(source, target, shaped, FerryApiRead.of(source.endpoint(), shaped.name()));
    }

    @Test
    void aMaskedPrivateKeyFailsTheRealmPostWith500AndLeavesNoRealm(Stores stores) {
        Sides s = prepare(stores, ShapedRealm.create(uniqueRealm("api-mask")));
        KeycloakRest.Answer created = s.target.post("/admin/realms", s.read.realmForPost());
        assertEquals(500, created.status(), created.body());
        assertEquals(404, s.target.get("/admin/realms/" + s.shaped.name()).status(), "the failed POST left nothing behind");
    }

    @Test
    void usersImportedAfterTheRealmComeTooLateForAUserPolicy(Stores stores) {
        Sides s = prepare(stores, ShapedRealm.create(uniqueRealm("api-late")));
        // What the loader sends today once the masks are left out: the realm without users (they follow by partialImport).
        ObjectNode doc = MaskedValues.leaveOut(s.read.realmForPost()).realm();
        KeycloakRest.Answer created = s.target.post("/admin/realms", doc);
        assertEquals(500, created.status(), "a user policy naming 'ada' fails the POST while ada is not in it: " + created.body());
        assertEquals(404, s.target.get("/admin/realms/" + s.shaped.name()).status());
    }

    @Test
    void withItsUsersInTheSamePostTheRealmKeepsEveryIdButItsKeys(Stores stores) {
        Sides s = prepare(stores, ShapedRealm.create(uniqueRealm("api-post")));
        List<JsonNode> users = new ArrayList<>(s.read.usersForImport());
        users.addAll(FerryApiRead.serviceAccounts(s.source, s.shaped.name()));
        ObjectNode doc = ShapedVariants.withUsers(MaskedValues.leaveOut(s.read.realmForPost()).realm(), users);
        KeycloakRest.Answer created = s.target.post("/admin/realms", doc);
        assertEquals(201, created.status(), created.body());

        RealmSnapshot src = RealmSnapshot.of(s.source, s.shaped.name());
        RealmSnapshot tgt = RealmSnapshot.of(s.target, s.shaped.name());
        assertEquals(Map.of("role:offline_access", "new"), src.notKept(s.shaped.ids()),
                "seeding a hand-written realm keeps every id but offline_access's: Keycloak makes that role itself, and "
                        + "keeps the id only when it is its own (as in a read or an export)");
        assertEquals(Map.of("component:imported-rsa", "absent", "component:imported-rsa-enc", "absent"),
                tgt.notKept(src.byLabel()).entrySet().stream().filter(e -> s.shaped.ids().containsKey(e.getKey()))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "every id of the shaped realm is kept (offline_access's too: the read carries Keycloak's own) but the key "
                        + "providers left out");

        // The keys: the Target publishes none of the Source's key ids, so no Source token verifies there.
        Set<String> common = new TreeSet<>(src.kids());
        common.retainAll(tgt.kids());
        assertEquals(Set.of(), common, "no key id in common");
        String sourceToken = Tokens.accessToken(Tokens.passwordGrant(s.source, s.shaped.name(), "kea-web", "nameless",
                ShapedRealm.NAMELESS_PASSWORD));
        assertTrue(Tokens.verifiesWith(sourceToken, s.source, s.shaped.name()));
        assertFalse(Tokens.verifiesWith(sourceToken, s.target, s.shaped.name()), "a Source token is invalid on the Target");
        // No password came: the same grant on the Target is refused (the user has UPDATE_PASSWORD and no credential).
        assertEquals(401, Tokens.passwordGrant(s.target, s.shaped.name(), "kea-web", "nameless", ShapedRealm.NAMELESS_PASSWORD).status());

        // Authorization, scope mappings and client-scope mappings come through whole on this path.
        assertEquals(src.policies("kea-backend"), tgt.policies("kea-backend"));
        assertEquals(src.partialExport().path("scopeMappings"), tgt.partialExport().path("scopeMappings"));
        assertEquals(src.partialExport().path("clientScopeMappings"), tgt.partialExport().path("clientScopeMappings"));
        // The values left out are absent, never the mask.
        JsonNode realm = s.target.json("/admin/realms/" + s.shaped.name());
        assertFalse(realm.path("smtpServer").has("password"), realm.path("smtpServer").toString());
    }

    @Test
    void aReadWithoutAUserPolicyLoadsButStoresTheOtherMasksAsValuesAndRenewsServiceAccountsNotCarried(Stores stores) {
        ShapedRealm shaped = ShapedRealm.create(uniqueRealm("api-today"));
        ShapedVariants.withoutPolicy(shaped.json(), "kea-backend", "ada-only");
        Sides s = prepare(stores, shaped);
        // The realm POST as Ferry's loader sent it before issue 11, had it only dropped the key providers that made
        // Keycloak answer 500: the other masks in, the service-account users out.
        ObjectNode doc = ShapedVariants.withoutMaskedKeyProviders(s.read.realmForPost());
        doc.remove("users");
        KeycloakRest.Answer created = s.target.post("/admin/realms", doc);
        assertEquals(201, created.status(), created.body());

        RealmSnapshot src = RealmSnapshot.of(s.source, shaped.name());
        RealmSnapshot tgt = RealmSnapshot.of(s.target, shaped.name());
        for (String sa : List.of("service-account-kea-backend", "service-account-kea-worker")) {
            assertTrue(tgt.users().containsKey(sa), "Keycloak creates the service account of a client that enables it");
            assertFalse(src.users().get(sa).equals(tgt.users().get(sa)), sa + " has a new id on the Target");
        }
        // What the Target now holds, read with the offline export: the mask itself, as if it were the value.
        JsonNode held = readJson(stores.keycloakOfflineExport(Role.TARGET, shaped.name(), dir.resolve("target-export.json")));
        assertEquals(MASK, held.path("smtpServer").path("password").asText());
        assertEquals(MASK, held.path("identityProviders").path(0).path("config").path("clientSecret").asText());
        assertEquals(MASK, component(held, "org.keycloak.storage.UserStorageProvider", "corp-ldap").path("config")
                .path("bindCredential").path(0).asText());
        assertEquals(ShapedRealm.BACKEND_ROTATED_SECRET, client(held, "kea-backend").path("attributes").path("client.secret.rotated").asText(),
                "the rotated secret the reader reads in clear from GET /clients/{id} is right");
        assertEquals(ShapedRealm.BACKEND_SECRET, client(held, "kea-backend").path("secret").asText(),
                "the client secret the reader fetched in clear is right");
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
