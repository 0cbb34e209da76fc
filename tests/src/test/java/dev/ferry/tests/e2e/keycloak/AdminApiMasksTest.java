package dev.ferry.tests.e2e.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.stores.keycloak.RealmSecrets.Secret;
import dev.ferry.stores.keycloak.RealmSecrets;
import dev.ferry.tests.generator.ShapedRealm;
import dev.ferry.tests.generator.ShapedRealmSeeder;
import dev.ferry.tests.harness.KeycloakRest;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the real Keycloak 26.4 masks secrets as {@code **********}, in what Ferry's API-only export reads and in the
 * Admin API endpoints around it (docs/reference/keycloak-paths.md §1). Measured on the shaped realm.
 */
@ExtendWith(StoresExtension.class)
class AdminApiMasksTest {
    static final String MASK = RealmSecrets.MASK;

    static String uniqueRealm(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void ferrysRealmReadCarriesTheMaskInExactlyTheseFivePlaces(Stores stores) {
        KeycloakRest kc = new KeycloakRest(stores.source().keycloak());
        ShapedRealm shaped = ShapedRealmSeeder.seed(kc, ShapedRealm.create(uniqueRealm("masks")));
        FerryApiRead read = FerryApiRead.of(kc.endpoint(), shaped.name());

        Set<String> masked = new TreeSet<>();
        MaskedValues.find(read.realm()).forEach(s -> masked.add(s.kind() + ": " + s.describe()));
        assertEquals(new TreeSet<>(List.of(
                "SMTP_SECRET: password of the SMTP server",
                "IDENTITY_PROVIDER_SECRET: clientSecret of identity provider 'corp-oidc'",
                "USER_FEDERATION_CREDENTIAL: bindCredential of user federation 'corp-ldap' (ldap)",
                "REALM_KEY: privateKey of key provider 'imported-rsa' (rsa)",
                "REALM_KEY: privateKey of key provider 'imported-rsa-enc' (rsa-enc)")), masked);

        // Client secrets come in clear: the reader replaces partial-export's masks from GET /clients/{id}, the secret and
        // the rotated secret alike (partial-export masks both).
        assertEquals(ShapedRealm.BACKEND_SECRET, client(read.realm(), "kea-backend").path("secret").asText());
        assertEquals(ShapedRealm.BACKEND_ROTATED_SECRET, client(read.realm(), "kea-backend").path("attributes")
                .path("client.secret.rotated").asText());
        assertEquals(ShapedRealm.WORKER_SECRET, client(read.realm(), "kea-worker").path("secret").asText());
        // A generated key's material is not masked but stripped: nothing to find, and nothing carried.
        JsonNode hmac = component(read.realm(), "org.keycloak.keys.KeyProvider", "hmac-generated");
        assertFalse(hmac.path("config").has("secret"), hmac.toString());
        // The imported key's certificate is carried in clear next to the masked private key.
        JsonNode rsa = component(read.realm(), "org.keycloak.keys.KeyProvider", "imported-rsa");
        assertEquals(base64Body(shaped.signingKey().certificatePem()), base64Body(rsa.path("config").path("certificate").path(0).asText()));
        // The read holds partial-export's service-account users, with their ids, and no other user.
        Map<String, String> serviceAccounts = new TreeMap<>();
        read.realm().path("users").forEach(u -> serviceAccounts.put(u.path("username").asText(), u.path("id").asText()));
        assertEquals(Map.of("service-account-kea-backend", shaped.id("user:service-account-kea-backend"),
                "service-account-kea-worker", shaped.id("user:service-account-kea-worker")), serviceAccounts);
        assertEquals(Set.of("ada", "nameless", "olga"), Set.copyOf(read.users().stream().map(u -> u.path("username").asText()).toList()),
                "GET /users lists no service account");
        // No credential value or hash anywhere in what the API gives.
        read.users().forEach(u -> assertFalse(u.has("credentials"), u.toString()));
    }

    @Test
    void adminEndpointsMaskTheseValuesAndGiveTheseInClear(Stores stores) {
        KeycloakRest kc = new KeycloakRest(stores.source().keycloak());
        ShapedRealm shaped = ShapedRealmSeeder.seed(kc, ShapedRealm.create(uniqueRealm("masks")));
        String at = "/admin/realms/" + shaped.name();

        assertEquals(MASK, kc.json(at).path("smtpServer").path("password").asText(), "GET realm masks the SMTP password");
        assertEquals("mailer", kc.json(at).path("smtpServer").path("user").asText());
        JsonNode keys = kc.json(at + "/components?type=org.keycloak.keys.KeyProvider");
        assertEquals(MASK, byName(keys, "imported-rsa").path("config").path("privateKey").path(0).asText());
        assertEquals(MASK, byName(keys, "imported-rsa-enc").path("config").path("privateKey").path(0).asText());
        assertFalse(byName(keys, "hmac-generated").path("config").has("secret"), "GET components strips a generated secret");
        JsonNode ldap = kc.json(at + "/components?type=org.keycloak.storage.UserStorageProvider");
        assertEquals(MASK, byName(ldap, "corp-ldap").path("config").path("bindCredential").path(0).asText());
        assertEquals(MASK, kc.json(at + "/identity-provider/instances/corp-oidc").path("config").path("clientSecret").asText());
        assertEquals(MASK, kc.json(at + "/identity-provider/instances").path(0).path("config").path("clientSecret").asText());

        // Clients: GET gives the secret and the rotated secret in clear; partial-export masks both.
        JsonNode backend = kc.json(at + "/clients?clientId=kea-backend").path(0);
        assertEquals(ShapedRealm.BACKEND_SECRET, backend.path("secret").asText());
        assertEquals(ShapedRealm.BACKEND_ROTATED_SECRET, backend.path("attributes").path("client.secret.rotated").asText());
        String id = backend.path("id").asText();
        assertEquals(ShapedRealm.BACKEND_SECRET, kc.json(at + "/clients/" + id + "/client-secret").path("value").asText());
        assertEquals(404, kc.get(at + "/clients/" + id + "/client-secret/rotated").status(),
                "the rotated-secret endpoint knows only a rotation it ran itself: read the attribute instead");
        JsonNode exported = client(FerryApiRead.partialExport(kc, shaped.name()), "kea-backend");
        assertEquals(MASK, exported.path("secret").asText());
        assertEquals(MASK, exported.path("attributes").path("client.secret.rotated").asText());

        // Credentials: types and metadata, never a value or a hash.
        String ada = kc.json(at + "/users?username=ada&exact=true").path(0).path("id").asText();
        JsonNode creds = kc.json(at + "/users/" + ada + "/credentials");
        assertEquals("password", creds.path(0).path("type").asText());
        assertFalse(creds.path(0).has("secretData") || creds.path(0).has("value"), creds.toString());

        // The realm's JWKS names the imported keys by base64url(SHA-256(SubjectPublicKeyInfo)).
        Set<String> kids = new TreeSet<>();
        kc.json(at + "/keys").path("keys").forEach(k -> kids.add(k.path("kid").asText()));
        assertTrue(kids.containsAll(Set.of(shaped.signingKey().kid(), shaped.encryptionKey().kid())), kids.toString());
    }

    @Test
    void leavingTheMasksOutListsEachWithItsMeaning(Stores stores) {
        KeycloakRest kc = new KeycloakRest(stores.source().keycloak());
        ShapedRealm shaped = ShapedRealmSeeder.seed(kc, ShapedRealm.create(uniqueRealm("masks")));
        MaskedValues.Cleaned cleaned = MaskedValues.leaveOut(FerryApiRead.of(kc.endpoint(), shaped.name()).realm());
        assertEquals(List.of(), MaskedValues.find(cleaned.realm()));
        assertEquals(List.of(), cleaned.refused());
        Set<String> listed = new TreeSet<>();
        cleaned.leftOut().forEach(l -> listed.add(l.kind() + ": " + l.what()));
        assertEquals(new TreeSet<>(List.of(
                "SMTP_SECRET: password of the SMTP server",
                "IDENTITY_PROVIDER_SECRET: clientSecret of identity provider 'corp-oidc'",
                "USER_FEDERATION_CREDENTIAL: bindCredential of user federation 'corp-ldap' (ldap)",
                "REALM_KEY: keys of key provider 'imported-rsa' (rsa)",
                "REALM_KEY: keys of key provider 'imported-rsa-enc' (rsa-enc)",
                "REALM_KEY: keys of key provider 'hmac-generated' (hmac-generated)")), listed);
        for (Secret s : RealmSecrets.of(cleaned.realm())) {
            assertFalse(s.masked(), s.toString());
        }
    }

    static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    static JsonNode component(JsonNode realm, String type, String name) {
        return byName(realm.path("components").path(type), name);
    }

    static JsonNode byName(JsonNode list, String name) {
        for (JsonNode c : list) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }

    /** The base64 of a PEM without its header lines and line breaks. */
    static String base64Body(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
