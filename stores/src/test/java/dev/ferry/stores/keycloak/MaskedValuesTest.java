package dev.ferry.stores.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.stores.keycloak.MaskedValues.Cleaned;
import dev.ferry.stores.keycloak.MaskedValues.Decision;
import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import dev.ferry.stores.keycloak.RealmSecrets.Kind;
import dev.ferry.stores.keycloak.RealmSecrets.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The masks sit where Keycloak 26.4's partial-export put them for the shaped realm (measured by
 * AdminApiMasksTest in tests/), trimmed to the fields that matter.
 */
class MaskedValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ferry's realm read of a realm with an imported rsa and rsa-enc key, SMTP, an IdP, LDAP and a rotated secret. */
    static final String READ = """
            {"realm":"shaped","smtpServer":{"host":"mail","auth":"true","user":"mailer","password":"**********"},
             "clients":[{"clientId":"kea-web","publicClient":true},
                        {"clientId":"kea-backend","secret":"backend-secret","attributes":{"client.secret.rotated":"**********","kea.custom":"yes"}}],
             "identityProviders":[{"alias":"corp-oidc","config":{"clientId":"ferry","clientSecret":"**********","tokenUrl":"https://idp/token"}}],
             "components":{
               "org.keycloak.keys.KeyProvider":[
                 {"id":"k1","name":"imported-rsa","providerId":"rsa","config":{"privateKey":["**********"],"certificate":["MIIC..."],"priority":["200"]}},
                 {"id":"k2","name":"imported-rsa-enc","providerId":"rsa-enc","config":{"privateKey":["**********"],"certificate":["MIIC..."]}}],
               "org.keycloak.storage.UserStorageProvider":[
                 {"id":"l1","name":"corp-ldap","providerId":"ldap","config":{"bindDn":["cn=admin"],"bindCredential":["**********"],"enabled":["false"]},
                  "subComponents":{"org.keycloak.storage.ldap.mappers.LDAPStorageMapper":[{"name":"username","providerId":"user-attribute-ldap-mapper","config":{"ldap.attribute":["uid"]}}]}}]}}
            """;

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void findsEveryMaskWithItsKind() throws Exception {
        List<Secret> masked = MaskedValues.find(json(READ));
        assertEquals(List.of(
                "/smtpServer/password (SMTP_SECRET)",
                "/clients/1/attributes/client.secret.rotated (CLIENT_ATTRIBUTE)",
                "/identityProviders/0/config/clientSecret (IDENTITY_PROVIDER_SECRET)",
                "/components/org.keycloak.keys.KeyProvider/0/config/privateKey/0 (REALM_KEY)",
                "/components/org.keycloak.keys.KeyProvider/1/config/privateKey/0 (REALM_KEY)",
                "/components/org.keycloak.storage.UserStorageProvider/0/config/bindCredential/0 (USER_FEDERATION_CREDENTIAL)"),
                masked.stream().map(Secret::toString).toList());
        assertEquals("clientSecret of identity provider 'corp-oidc'", masked.get(2).describe());
    }

    @Test
    void clearSecretsAreSecretsButNotMasks() throws Exception {
        List<Secret> all = RealmSecrets.of(json(READ));
        Secret clientSecret = all.stream().filter(s -> s.kind() == Kind.CLIENT_SECRET).findFirst().orElseThrow();
        assertEquals("/clients/1/secret", clientSecret.pointer());
        assertFalse(clientSecret.masked());
        assertFalse(MaskedValues.find(json(READ)).contains(clientSecret));
    }

    @Test
    void aMaskAnywhereElseIsFoundAndRefused() throws Exception {
        JsonNode realm = json("""
                {"realm":"r","attributes":{"futureSecret":"**********"},
                 "components":{"org.example.Custom":[{"name":"c","providerId":"x","config":{"apiKey":["**********"]}}]},
                 "users":[{"id":"u1","credentials":[{"type":"password","value":"**********"}]}]}
                """);
        Cleaned cleaned = MaskedValues.leaveOut(realm);
        assertEquals(List.of(Kind.COMPONENT_SECRET, Kind.USER_CREDENTIAL, Kind.OTHER),
                cleaned.refused().stream().map(Secret::kind).toList());
        assertEquals("/attributes/futureSecret", cleaned.refused().get(2).pointer());
        assertTrue(cleaned.refusal().contains("apiKey of component 'c' (x, org.example.Custom)"), cleaned.refusal());
        assertTrue(Cleaned.refusalFix().contains("--keycloak-realm-file"));
    }

    @Test
    void decisionPerKind() {
        assertEquals(Decision.LEAVE_OUT_KEY_PROVIDER, MaskedValues.decide(Kind.REALM_KEY));
        for (Kind k : List.of(Kind.SMTP_SECRET, Kind.IDENTITY_PROVIDER_SECRET, Kind.USER_FEDERATION_CREDENTIAL,
                Kind.CLIENT_SECRET, Kind.CLIENT_ATTRIBUTE)) {
            assertEquals(Decision.LEAVE_OUT_VALUE, MaskedValues.decide(k), k.name());
        }
        for (Kind k : List.of(Kind.COMPONENT_SECRET, Kind.USER_CREDENTIAL, Kind.OTHER)) {
            assertEquals(Decision.REFUSE, MaskedValues.decide(k), k.name());
        }
    }

    @Test
    void leavesOutMaskedValuesAndKeyProvidersAndListsEach() throws Exception {
        Cleaned cleaned = MaskedValues.leaveOut(json(READ));
        JsonNode r = cleaned.realm();
        assertEquals(List.of(), MaskedValues.find(r), "no mask is left");
        assertTrue(cleaned.refused().isEmpty());
        assertFalse(r.path("smtpServer").has("password"));
        assertEquals("mailer", r.path("smtpServer").path("user").asText(), "the rest of the SMTP settings stays");
        assertFalse(r.path("identityProviders").path(0).path("config").has("clientSecret"));
        assertEquals("https://idp/token", r.path("identityProviders").path(0).path("config").path("tokenUrl").asText());
        assertFalse(r.path("clients").path(1).path("attributes").has("client.secret.rotated"));
        assertEquals("yes", r.path("clients").path(1).path("attributes").path("kea.custom").asText());
        assertEquals("backend-secret", r.path("clients").path(1).path("secret").asText(), "a clear secret stays");
        JsonNode ldap = r.path("components").path("org.keycloak.storage.UserStorageProvider").path(0);
        assertFalse(ldap.path("config").has("bindCredential"));
        assertEquals("cn=admin", ldap.path("config").path("bindDn").path(0).asText());
        assertEquals(0, r.path("components").path("org.keycloak.keys.KeyProvider").size(), "both key providers are left out");

        List<LeftOut> out = cleaned.leftOut();
        assertEquals(List.of("password of the SMTP server", "attribute client.secret.rotated of client 'kea-backend'",
                "clientSecret of identity provider 'corp-oidc'", "bindCredential of user federation 'corp-ldap' (ldap)",
                "keys of key provider 'imported-rsa' (rsa)", "keys of key provider 'imported-rsa-enc' (rsa-enc)"),
                out.stream().map(LeftOut::what).toList());
        LeftOut key = out.get(4);
        assertEquals("/components/org.keycloak.keys.KeyProvider/0", key.pointer());
        assertTrue(key.consequence().contains("every user logs in again") && key.consequence().contains("tokens"), key.consequence());
        assertTrue(out.get(2).fix().contains("Identity providers → corp-oidc → Client secret"), out.get(2).fix());
        for (LeftOut l : out) {
            assertFalse(l.what().contains("*") || l.consequence().contains("*") || l.fix().contains("*"), l.toString());
        }
    }

    @Test
    void generatedKeysWithoutMaterialAreListedAsRegenerated() throws Exception {
        JsonNode realm = json("""
                {"components":{"org.keycloak.keys.KeyProvider":[
                   {"name":"rsa-generated","providerId":"rsa-generated","config":{"priority":["100"]}},
                   {"name":"carried","providerId":"rsa","config":{"privateKey":["MIIE..."],"certificate":["MIIC..."]}}]}}
                """);
        Cleaned cleaned = MaskedValues.leaveOut(realm);
        assertEquals(List.of("keys of key provider 'rsa-generated' (rsa-generated)"),
                cleaned.leftOut().stream().map(LeftOut::what).toList());
        assertEquals(2, cleaned.realm().path("components").path("org.keycloak.keys.KeyProvider").size(), "nothing removed");
        assertEquals(List.of("the realm's keys"),
                MaskedValues.leaveOut(json("{\"realm\":\"r\"}")).leftOut().stream().map(LeftOut::what).toList(),
                "no key provider at all: the Target generates every key");
    }

    @Test
    void theSourceDocumentIsNotChanged() throws Exception {
        JsonNode realm = json(READ);
        String before = realm.toString();
        MaskedValues.leaveOut(realm);
        assertEquals(before, realm.toString());
    }

    @Test
    void pointersEscapeSlashesAndLeaveOutFindsTheFieldByThem() throws Exception {
        JsonNode realm = json("""
                {"clients":[{"clientId":"c","attributes":{"saml/signing~key":"**********","kept":"x"}}],
                 "components":{"org.keycloak.storage.UserStorageProvider":[{"name":"l","providerId":"ldap","config":{},
                   "subComponents":{"org.keycloak.storage.ldap.mappers.LDAPStorageMapper":[
                     {"name":"m","providerId":"x","config":{"token":["**********"]}}]}}]}}
                """);
        List<Secret> masked = MaskedValues.find(realm);
        assertEquals("/clients/0/attributes/saml~1signing~0key", masked.get(0).pointer());
        assertEquals("/components/org.keycloak.storage.UserStorageProvider/0/subComponents/"
                + "org.keycloak.storage.ldap.mappers.LDAPStorageMapper/0/config/token/0", masked.get(1).pointer());
        assertEquals(Kind.COMPONENT_SECRET, masked.get(1).kind(), "an LDAP mapper's secret is another component's: refused");
        Cleaned cleaned = MaskedValues.leaveOut(realm);
        assertFalse(cleaned.realm().path("clients").path(0).path("attributes").has("saml/signing~key"));
        assertEquals("x", cleaned.realm().path("clients").path(0).path("attributes").path("kept").asText());
        assertEquals(1, cleaned.refused().size());
    }
}
