package dev.ferry.tests.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.importer.validate.realm.KeyIds;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.stores.keycloak.RealmSecrets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The shaped realm fixture without a server: filled in, fresh per build, with the secrets where tests expect them. */
class ShapedRealmTest {

    @Test
    void everyPlaceholderIsFilledAndEveryBuildHasItsOwnIdsAndKeys() {
        ShapedRealm a = ShapedRealm.create("shaped-a");
        ShapedRealm b = ShapedRealm.create("shaped-b");
        assertFalse(a.json().toString().contains("{{"), "no placeholder left");
        assertEquals("shaped-a", a.json().path("realm").asText());
        assertEquals("default-roles-shaped-a", a.json().path("defaultRole").path("name").asText());
        assertEquals(a.ids().keySet(), b.ids().keySet());
        for (String label : a.ids().keySet()) {
            assertNotEquals(a.id(label), b.id(label), label);
        }
        assertNotEquals(a.signingKey().kid(), b.signingKey().kid());
        assertTrue(a.ids().keySet().containsAll(Set.of("realm", "role:kea-admin", "role:kea-backend/editor", "client:kea-backend",
                "group:/staff/editors", "user:ada", "user:service-account-kea-backend", "component:imported-rsa",
                "idp-mapper:corp-dept", "client-scope:kea-scope")), a.ids().keySet().toString());
    }

    @Test
    void theImportedKeysAreRealPemWithTheKidKeycloakWillGiveThem() {
        ShapedRealm r = ShapedRealm.create("shaped-k");
        assertTrue(r.signingKey().privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(r.signingKey().kid(), KeyIds.ofCertificate(r.signingKey().certificatePem()));
        assertEquals(Set.of(r.signingKey().kid(), r.encryptionKey().kid()), KeyIds.ofExport(r.json()),
                "the hand-written HMAC provider holds no kid yet: Keycloak makes its secret");
    }

    @Test
    void itHoldsTheSecretsInClearWhereTheMeasurementsLookForThem() {
        ShapedRealm r = ShapedRealm.create("shaped-s");
        assertEquals(java.util.List.of(), MaskedValues.find(r.json()));
        Set<String> secrets = new TreeSet<>();
        RealmSecrets.of(r.json()).forEach(s -> secrets.add(s.kind() + ": " + s.describe()));
        assertEquals(new TreeSet<>(Set.of(
                "SMTP_SECRET: password of the SMTP server",
                "CLIENT_SECRET: secret of client 'kea-backend'",
                "CLIENT_SECRET: secret of client 'kea-worker'",
                "CLIENT_ATTRIBUTE: attribute client.secret.rotated of client 'kea-backend'",
                "IDENTITY_PROVIDER_SECRET: clientSecret of identity provider 'corp-oidc'",
                "REALM_KEY: privateKey of key provider 'imported-rsa' (rsa)",
                "REALM_KEY: privateKey of key provider 'imported-rsa-enc' (rsa-enc)",
                "USER_FEDERATION_CREDENTIAL: bindCredential of user federation 'corp-ldap' (ldap)",
                "USER_CREDENTIAL: value of user " + r.id("user:ada") + " (password credential)",
                "USER_CREDENTIAL: value of user " + r.id("user:nameless") + " (password credential)",
                "USER_CREDENTIAL: value of user " + r.id("user:olga") + " (password credential)",
                "USER_CREDENTIAL: secretData of user " + r.id("user:olga") + " (otp credential)")), secrets);
    }
}
