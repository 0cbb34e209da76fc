package dev.ferry.tests.e2e.keycloak;

import static dev.ferry.tests.e2e.keycloak.AdminApiMasksTest.base64Body;
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
import dev.ferry.stores.keycloak.RealmSecrets;
import dev.ferry.tests.generator.ShapedRealm;
import dev.ferry.tests.generator.ShapedRealmSeeder;
import dev.ferry.tests.harness.KeycloakRest;
import dev.ferry.tests.harness.Role;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline path: {@code kc.sh export} of the Source realm (what {@code --keycloak-realm-file} carries), imported
 * into an absent Target realm with {@code POST /admin/realms}, and into a present one with partialImport
 * (docs/reference/keycloak-paths.md §4). Measured on the real Keycloak 26.4 with the shaped realm.
 */
@ExtendWith(StoresExtension.class)
class OfflineExportPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theExportCarriesEverySecretInClearAndThePostKeepsEveryIdKeyAndPassword(Stores stores) {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        ShapedRealm shaped = ShapedRealmSeeder.seed(source, ShapedRealm.create(uniqueRealm("offline")));
        JsonNode export = ApiPathIntoAbsentRealmTest.readJson(
                stores.keycloakOfflineExport(Role.SOURCE, shaped.name(), dir.resolve("source-export.json")));

        // What it carries: no mask anywhere, and each secret the API masks, in clear.
        assertEquals(List.of(), MaskedValues.find(export));
        assertEquals(ShapedRealm.SMTP_PASSWORD, export.path("smtpServer").path("password").asText());
        assertEquals(ShapedRealm.IDP_SECRET, export.path("identityProviders").path(0).path("config").path("clientSecret").asText());
        assertEquals(ShapedRealm.LDAP_BIND_CREDENTIAL, component(export, "org.keycloak.storage.UserStorageProvider", "corp-ldap")
                .path("config").path("bindCredential").path(0).asText());
        assertEquals(base64Body(shaped.signingKey().privateKeyPem()),
                base64Body(component(export, "org.keycloak.keys.KeyProvider", "imported-rsa").path("config").path("privateKey").path(0).asText()));
        assertTrue(component(export, "org.keycloak.keys.KeyProvider", "hmac-generated").path("config").path("secret").path(0).asText().length() > 20,
                "a generated key's secret too");
        assertEquals(ShapedRealm.BACKEND_SECRET, client(export, "kea-backend").path("secret").asText());
        assertEquals(ShapedRealm.BACKEND_ROTATED_SECRET, client(export, "kea-backend").path("attributes").path("client.secret.rotated").asText());
        Map<String, Set<String>> credentials = new TreeMap<>();
        Map<String, String> users = new TreeMap<>();
        for (JsonNode u : export.path("users")) {
            users.put(u.path("username").asText(), u.path("id").asText());
            Set<String> types = new TreeSet<>();
            u.path("credentials").forEach(c -> {
                assertTrue(c.hasNonNull("secretData"), u.path("username") + ": " + c.path("type"));
                types.add(c.path("type").asText());
            });
            credentials.put(u.path("username").asText(), types);
        }
        assertEquals(Map.of("ada", Set.of("password"), "nameless", Set.of("password"), "olga", Set.of("otp", "password"),
                "service-account-kea-backend", Set.of(), "service-account-kea-worker", Set.of()), credentials);
        assertEquals(shaped.id("user:service-account-kea-backend"), users.get("service-account-kea-backend"),
                "the service-account users come with their ids");
        long clear = RealmSecrets.of(export).stream().filter(sec -> !sec.masked()).count();
        assertTrue(clear >= 10, "every secret of the realm is in clear: " + clear);

        // POST it into the Target: every id, every key, every password.
        KeycloakRest.Answer created = target.post("/admin/realms", export);
        assertEquals(201, created.status(), created.body());
        RealmSnapshot src = RealmSnapshot.of(source, shaped.name());
        RealmSnapshot tgt = RealmSnapshot.of(target, shaped.name());
        Map<String, String> notKept = tgt.notKept(src.byLabel());
        assertEquals(Map.of(), notKept, "every id is kept, Keycloak's own clients and roles included");
        assertEquals(src.kids(), tgt.kids(), "the same key ids");
        assertTrue(tgt.kids().containsAll(Set.of(shaped.signingKey().kid(), shaped.encryptionKey().kid())));
        String sourceToken = Tokens.accessToken(Tokens.passwordGrant(source, shaped.name(), "kea-web", "nameless", ShapedRealm.NAMELESS_PASSWORD));
        assertTrue(Tokens.verifiesWith(sourceToken, target, shaped.name()), "a token issued by the Source verifies on the Target");
        String targetToken = Tokens.accessToken(Tokens.passwordGrant(target, shaped.name(), "kea-web", "nameless", ShapedRealm.NAMELESS_PASSWORD));
        assertEquals(Tokens.claims(sourceToken).path("sub"), Tokens.claims(targetToken).path("sub"), "the Source password works, same subject");
        KeycloakRest.Answer sa = target.token(shaped.name(), Map.of("grant_type", "client_credentials", "client_id", "kea-backend",
                "client_secret", ShapedRealm.BACKEND_SECRET));
        assertEquals(shaped.id("user:service-account-kea-backend"), Tokens.claims(Tokens.accessToken(sa)).path("sub").asText());
        assertEquals(src.policies("kea-backend"), tgt.policies("kea-backend"));
        assertEquals(src.partialExport().path("scopeMappings"), tgt.partialExport().path("scopeMappings"));
        assertEquals(src.partialExport().path("clientScopeMappings"), tgt.partialExport().path("clientScopeMappings"));
        assertEquals(400, Tokens.passwordGrant(target, shaped.name(), "kea-web", "ada", "Ada-Pass-0001").status(),
                "ada's required action (terms and conditions) came along: a direct grant is refused until she accepts");
    }

    @Test
    void intoAPresentRealmTheExportLosesKeysAndPolicyReferencesLikeTheApiPath(Stores stores) {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        ShapedRealm shaped = ShapedRealm.create(uniqueRealm("offline-pi"));
        ShapedVariants.withoutPolicy(shaped.json(), "kea-backend", "ada-only");
        ShapedRealmSeeder.seed(source, shaped);
        JsonNode export = ApiPathIntoAbsentRealmTest.readJson(
                stores.keycloakOfflineExport(Role.SOURCE, shaped.name(), dir.resolve("source-export.json")));
        assertEquals(201, target.post("/admin/realms", JSON.createObjectNode().put("realm", shaped.name()).put("enabled", true)).status());
        ObjectNode body = JSON.createObjectNode().put("ifResourceExists", "SKIP");
        for (String f : List.of("groups", "roles", "clients", "identityProviders", "identityProviderMappers", "users")) {
            body.set(f, export.get(f).deepCopy());
        }
        KeycloakRest.Answer imported = target.post("/admin/realms/" + shaped.name() + "/partialImport", body);
        assertEquals(200, imported.status(), imported.body());

        RealmSnapshot src = RealmSnapshot.of(source, shaped.name());
        RealmSnapshot tgt = RealmSnapshot.of(target, shaped.name());
        Map<String, String> kept = tgt.kept(src.byLabel());
        assertEquals("kept", kept.get("user:ada"));
        assertEquals("kept", kept.get("group:/staff/editors"));
        assertEquals("new", kept.get("client:kea-backend"));
        assertEquals("new", kept.get("role:kea-admin"));
        assertEquals("kept", kept.get("user:service-account-kea-backend"),
                "partialImport makes no service account for a client: the exported one is added with its id");
        Set<String> common = new TreeSet<>(src.kids());
        common.retainAll(tgt.kids());
        assertEquals(Set.of(), common, "components (the keys) are not part of partialImport");
        assertEquals(Set.of(), tgt.policies("kea-backend").get("editors").get("roles"));
        // The password hashes do come: nameless's password credential on the Target is the Source's, same id and date.
        String at = "/admin/realms/" + shaped.name() + "/users/" + src.users().get("nameless") + "/credentials";
        JsonNode sourceCredential = source.json(at).path(0);
        JsonNode targetCredential = target.json(at).path(0);
        assertEquals(sourceCredential.path("id"), targetCredential.path("id"));
        assertEquals(sourceCredential.path("createdDate"), targetCredential.path("createdDate"));
        // But the present realm's own required actions apply: VERIFY_PROFILE, on in a realm made empty and not carried by
        // partialImport, stops a user without first and last name at login, whom the Source let in.
        assertEquals(200, Tokens.passwordGrant(source, shaped.name(), "kea-web", "nameless", ShapedRealm.NAMELESS_PASSWORD).status());
        KeycloakRest.Answer stopped = Tokens.passwordGrant(target, shaped.name(), "kea-web", "nameless", ShapedRealm.NAMELESS_PASSWORD);
        assertEquals(400, stopped.status());
        assertTrue(stopped.body().contains("Account is not fully set up"), stopped.body());
        assertTrue(requiredActionEnabled(target, shaped.name(), "VERIFY_PROFILE"));
        assertFalse(requiredActionEnabled(source, shaped.name(), "VERIFY_PROFILE"));
    }

    private static boolean requiredActionEnabled(KeycloakRest kc, String realm, String alias) {
        for (JsonNode a : kc.json("/admin/realms/" + realm + "/authentication/required-actions")) {
            if (a.path("alias").asText().equals(alias)) {
                return a.path("enabled").asBoolean();
            }
        }
        return false;
    }
}
