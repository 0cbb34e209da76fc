package dev.ferry.importer.validate.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.Outcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The realm-wide comparison on small realms in the shape Ferry's reader gives (partial-export plus users), altered one
 * way at a time on the Target side, including the three alterations issue 11 names: a role composite, a client secret
 * and a scope mapping.
 */
class RealmComparatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "backend-secret-throwaway";
    private static final String ADA = "0b1f5c2e-0000-4000-8000-00000000000a";
    private static final String SA = "0b1f5c2e-0000-4000-8000-0000000000sa";

    static final String REALM = """
            {"id":"r-1","realm":"kea","enabled":true,"registrationAllowed":true,"loginWithEmailAllowed":true,
             "supportedLocales":["en","fr"],"defaultLocale":"en","eventsEnabled":true,"enabledEventTypes":["LOGIN","LOGOUT"],
             "requiredCredentials":["password"],
             "smtpServer":{"host":"mail.example.test","from":"kea@example.test","auth":"true","user":"mailer"},
             "defaultRole":{"id":"dr-1","name":"default-roles-kea","composite":true},
             "requiredActions":[{"alias":"TERMS_AND_CONDITIONS","enabled":true,"priority":20},{"alias":"UPDATE_PASSWORD","enabled":true,"priority":30}],
             "roles":{
               "realm":[
                 {"id":"ro-1","name":"default-roles-kea","composite":true,"composites":{"realm":["offline_access","kea-user"]}},
                 {"id":"ro-2","name":"offline_access","composite":false},
                 {"id":"ro-3","name":"kea-user","description":"Any kea user","composite":false,"attributes":{"tier":["base"]}},
                 {"id":"ro-4","name":"kea-admin","description":"Administers kea","composite":true,
                  "composites":{"realm":["kea-user"],"client":{"kea-backend":["editor"]}}}],
               "client":{"kea-backend":[
                 {"id":"cr-1","name":"reader","composite":false,"containerId":"c-1"},
                 {"id":"cr-2","name":"editor","composite":true,"composites":{"client":{"kea-backend":["reader"]}},"containerId":"c-1"}]}},
             "clients":[
               {"id":"c-1","clientId":"kea-backend","enabled":true,"publicClient":false,"secret":"backend-secret-throwaway",
                "serviceAccountsEnabled":true,"authorizationServicesEnabled":true,"fullScopeAllowed":false,
                "redirectUris":["https://kea.example.test/*","https://kea.example.test/callback"],"webOrigins":["https://kea.example.test"],
                "attributes":{"kea.custom":"yes","client.secret.creation.time":"1700000000"},
                "protocolMappers":[{"id":"pm-1","name":"tenant","protocolMapper":"oidc-hardcoded-claim-mapper","config":{"claim.value":"kea"}}],
                "authorizationSettings":{"policyEnforcementMode":"ENFORCING","decisionStrategy":"UNANIMOUS",
                  "resources":[{"_id":"res-1","name":"document","uris":["/documents/*"],"scopes":[{"name":"doc:read"},{"name":"doc:write"}]}],
                  "scopes":[{"_id":"s-1","name":"doc:read"},{"_id":"s-2","name":"doc:write"}],
                  "policies":[
                    {"id":"p-1","name":"editors","type":"role","logic":"POSITIVE","config":{"roles":"[{\\"id\\":\\"kea-backend/editor\\",\\"required\\":false}]"}},
                    {"id":"p-2","name":"write-documents","type":"scope","config":{"resources":"[\\"document\\"]","scopes":"[\\"doc:write\\"]","applyPolicies":"[\\"editors\\"]"}}]}},
               {"id":"c-2","clientId":"kea-web","enabled":true,"publicClient":true,"fullScopeAllowed":false,
                "redirectUris":["https://kea.example.test/app/*"],"webOrigins":["+"],"defaultClientScopes":["profile","kea-scope"]}],
             "clientScopes":[{"id":"cs-1","name":"kea-scope","protocol":"openid-connect","attributes":{"include.in.token.scope":"true"}}],
             "scopeMappings":[{"client":"kea-web","roles":["kea-user"]},{"clientScope":"kea-scope","roles":["kea-admin"]}],
             "clientScopeMappings":{"kea-backend":[{"client":"kea-web","roles":["reader"]}]},
             "groups":[{"id":"g-1","name":"staff","path":"/staff","attributes":{"costCenter":["cc-100"]},"realmRoles":["kea-user"],
                        "clientRoles":{"kea-backend":["reader"]},"subGroups":[
                          {"id":"g-2","name":"editors","path":"/staff/editors","attributes":{"floor":["3"]},"clientRoles":{"kea-backend":["editor"]},"subGroups":[]}]}],
             "users":[{"id":"0b1f5c2e-0000-4000-8000-0000000000sa","username":"service-account-kea-backend","enabled":true,
                       "serviceAccountClientId":"kea-backend","realmRoles":["default-roles-kea","kea-user"],"clientRoles":{"kea-backend":["reader"]}}],
             "identityProviders":[{"alias":"corp-oidc","internalId":"i-1","providerId":"oidc","enabled":true,
                                   "config":{"clientId":"ferry","clientSecret":"**********","tokenUrl":"https://idp.example.test/token"}}],
             "identityProviderMappers":[{"id":"m-1","name":"corp-dept","identityProviderAlias":"corp-oidc","identityProviderMapper":"oidc-user-attribute-idp-mapper",
                                         "config":{"claim":"dept","user.attribute":"department"}}],
             "components":{
               "org.keycloak.keys.KeyProvider":[{"id":"k-1","name":"rsa-generated","providerId":"rsa-generated","config":{"priority":["100"]}}],
               "org.keycloak.storage.UserStorageProvider":[{"id":"l-1","name":"corp-ldap","providerId":"ldap","config":{"bindDn":["cn=admin"],"enabled":["false"]}}]},
             "ferryUserProfile":{"unmanagedAttributePolicy":"ADMIN_EDIT","attributes":[{"name":"username"},{"name":"email"}]}}
            """;

    /** users.jsonl: ada, without her password hash (API path). */
    static final String USERS = """
            {"id":"0b1f5c2e-0000-4000-8000-00000000000a","username":"ada","email":"ada@example.test","firstName":"Ada","lastName":"Lovelace",
             "enabled":true,"emailVerified":true,"attributes":{"department":["engineering"]},"requiredActions":["TERMS_AND_CONDITIONS"],
             "realmRoles":["default-roles-kea","kea-admin"],"clientRoles":{},"groups":["/staff/editors"],"federatedIdentities":[],
             "ferryGroupIds":["g-2"],"ferryCredentialTypes":["password"],"ferryPasswordCarried":false,"ferryNeedsWebAuthnReenrolment":false}
            """;

    private static ObjectNode realm() throws Exception {
        return (ObjectNode) JSON.readTree(REALM);
    }

    private static List<JsonNode> users() throws Exception {
        return List.of(JSON.readTree(USERS));
    }

    /** The Target's read of the same realm after an API-path load: ada has UPDATE_PASSWORD and no credential. */
    private static ObjectNode targetRealm() throws Exception {
        ObjectNode t = realm();
        // What the Target's Admin API shows: the IdP secret masked (as on the Source), nothing else differs.
        return t;
    }

    private static List<JsonNode> targetUsers() throws Exception {
        ObjectNode ada = (ObjectNode) JSON.readTree(USERS);
        ((ArrayNode) ada.get("requiredActions")).add("UPDATE_PASSWORD");
        ada.putArray("ferryCredentialTypes");
        return new ArrayList<>(List.of(ada));
    }

    private static JsonNode keys(String... kids) {
        ObjectNode k = JSON.createObjectNode();
        ArrayNode list = k.putArray("keys");
        for (String kid : kids) {
            list.addObject().put("kid", kid);
        }
        return k;
    }

    private static Map<RealmSection, Outcome> compare(Consumer<ObjectNode> alterTarget, Expectations expect) throws Exception {
        return compare(alterTarget, u -> { }, expect);
    }

    private static Map<RealmSection, Outcome> compare(Consumer<ObjectNode> alterTarget, Consumer<List<JsonNode>> alterUsers,
            Expectations expect) throws Exception {
        RealmView bundle = RealmView.ofBundle(realm(), users(), null);
        ObjectNode t = targetRealm();
        alterTarget.accept(t);
        List<JsonNode> tu = targetUsers();
        alterUsers.accept(tu);
        RealmView target = RealmView.ofTarget(t, tu, keys("kid-t"));
        Map<RealmSection, Outcome> out = new EnumMap<>(RealmSection.class);
        for (SectionOutcome s : RealmComparator.compare(bundle, target, expect)) {
            out.put(s.section(), s.outcome());
        }
        return out;
    }

    private static void onlyFails(Map<RealmSection, Outcome> result, RealmSection failing) {
        result.forEach((section, outcome) -> assertEquals(section == failing ? CheckStatus.FAIL : CheckStatus.PASS, outcome.status(),
                section + ": " + outcome.differences()));
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError(value);
    }

    @Test
    void theSameRealmPassesEverySection() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> { }, Expectations.created(false));
        assertEquals(List.of(RealmSection.values()), List.copyOf(result.keySet()));
        onlyFails(result, null);
        assertTrue(result.get(RealmSection.KEYS).expected().startsWith("not carried"), result.get(RealmSection.KEYS).expected());
        assertTrue(result.get(RealmSection.IDENTITY_PROVIDERS).differences().isEmpty());
    }

    @Test
    void orderAndRenewedIdsDoNotCountInAMergedRealm() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> {
            ObjectNode backend = (ObjectNode) find(t.get("clients"), "clientId", "kea-backend");
            ArrayNode uris = backend.putArray("redirectUris");
            uris.add("https://kea.example.test/callback").add("https://kea.example.test/*");
            backend.put("id", "c-renewed");
            ((ObjectNode) find(t.path("roles").get("realm"), "name", "kea-admin")).put("id", "ro-renewed");
            ((ObjectNode) find(t.path("clients").get(0).path("authorizationSettings").get("policies"), "name", "editors")).put("id", "p-renewed");
            ((ObjectNode) t.get("clients").get(0).get("attributes")).put("client.secret.creation.time", "1800000000");
            t.withArray("clientScopes").addObject().put("name", "target-only-scope");
        }, Expectations.merged());
        onlyFails(result, null);
    }

    @Test
    void inACreatedRealmRenewedRoleAndClientIdsAndExtraItemsAreDifferences() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> {
            ((ObjectNode) find(t.path("roles").get("realm"), "name", "kea-admin")).put("id", "ro-renewed");
            t.withArray("clientScopes").addObject().put("name", "target-only-scope");
        }, Expectations.created(false));
        assertEquals(List.of("realm role 'kea-admin' has id ro-renewed on the Target, ro-4 in the bundle"),
                result.get(RealmSection.ROLES).differences());
        assertEquals(List.of("client scope 'target-only-scope' is on the Target only"), result.get(RealmSection.CLIENT_SCOPES).differences());
    }

    @Test
    void anAlteredRoleCompositeFailsTheRolesSectionNamingTheRole() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> {
            ObjectNode admin = (ObjectNode) find(t.path("roles").get("realm"), "name", "kea-admin");
            ((ObjectNode) admin.get("composites")).putArray("realm");
        }, Expectations.merged());
        onlyFails(result, RealmSection.ROLES);
        assertEquals(List.of("realm role 'kea-admin': composites.realm is [\"kea-user\"] in the bundle, [] on the Target"),
                result.get(RealmSection.ROLES).differences());
    }

    @Test
    void anAlteredClientSecretFailsTheClientsSectionWithoutPrintingIt() throws Exception {
        String other = "an-operators-typo";
        Map<RealmSection, Outcome> result = compare(t -> ((ObjectNode) find(t.get("clients"), "clientId", "kea-backend")).put("secret", other),
                Expectations.merged());
        onlyFails(result, RealmSection.CLIENTS);
        Outcome clients = result.get(RealmSection.CLIENTS);
        assertEquals(List.of("secret of client 'kea-backend' differs (compared by SHA-256, not shown)"), clients.differences());
        String everything = clients.expected() + clients.actual() + clients.differences();
        assertFalse(everything.contains(SECRET) || everything.contains(other), everything);
        assertFalse(everything.contains(SecretDigest.of(SECRET)) || everything.contains(SecretDigest.of(other)), "not even the digest");
        // A secret missing on the Target is a difference too.
        Map<RealmSection, Outcome> gone = compare(t -> ((ObjectNode) find(t.get("clients"), "clientId", "kea-backend")).remove("secret"),
                Expectations.merged());
        assertEquals(List.of("secret of client 'kea-backend' is missing on the Target"), gone.get(RealmSection.CLIENTS).differences());
    }

    @Test
    void anAlteredScopeMappingFailsTheScopeMappingsSectionNamingIt() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> {
            ArrayNode mappings = (ArrayNode) t.get("scopeMappings");
            mappings.remove(0);
            ((ObjectNode) t.get("clientScopeMappings")).putArray("kea-backend").addObject().put("client", "kea-web").putArray("roles").add("editor");
        }, Expectations.created(false));
        onlyFails(result, RealmSection.SCOPE_MAPPINGS);
        assertEquals(List.of(
                "scope mapping client 'kea-web' → client role 'kea-backend/reader' is missing on the Target",
                "scope mapping client 'kea-web' → realm role 'kea-user' is missing on the Target",
                "scope mapping client 'kea-web' → client role 'kea-backend/editor' is on the Target only"),
                result.get(RealmSection.SCOPE_MAPPINGS).differences());
    }

    @Test
    void aPolicyThatLostItsRoleFailsTheAuthorizationSection() throws Exception {
        // What partialImport does to a role policy (keycloak-paths.md §3): clients come before roles.
        Map<RealmSection, Outcome> result = compare(t -> {
            ObjectNode editors = (ObjectNode) find(t.get("clients").get(0).path("authorizationSettings").get("policies"), "name", "editors");
            ((ObjectNode) editors.get("config")).put("roles", "[]");
            ObjectNode doc = (ObjectNode) find(t.get("clients").get(0).path("authorizationSettings").get("resources"), "name", "document");
            doc.putArray("uris").add("/docs/*");
        }, Expectations.merged());
        onlyFails(result, RealmSection.AUTHORIZATION);
        assertEquals(List.of(
                "client 'kea-backend' authorization: policies.editors.config.roles is [{\"id\":\"kea-backend/editor\",\"required\":false}] in the bundle, [] on the Target",
                "client 'kea-backend' authorization: resources.document.uris is [\"/documents/*\"] in the bundle, [\"/docs/*\"] on the Target"),
                result.get(RealmSection.AUTHORIZATION).differences());
    }

    @Test
    void aServiceAccountWithANewIdFailsItsSection() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> ((ObjectNode) t.get("users").get(0)).put("id", "renewed-by-keycloak"),
                Expectations.merged());
        onlyFails(result, RealmSection.SERVICE_ACCOUNTS);
        assertEquals(List.of("the service account of client 'kea-backend' has id renewed-by-keycloak on the Target, " + SA
                + " in the bundle (tokens name it by id)"), result.get(RealmSection.SERVICE_ACCOUNTS).differences());
    }

    @Test
    void aBundleWithoutItsServiceAccountsSaysSoInsteadOfComparingThem() throws Exception {
        ObjectNode old = realm();
        old.remove("users");
        RealmView bundle = RealmView.ofBundle(old, users(), null);
        RealmView target = RealmView.ofTarget(targetRealm(), targetUsers(), keys());
        Outcome sa = RealmComparator.compare(bundle, target, Expectations.merged()).get(RealmSection.SERVICE_ACCOUNTS.ordinal()).outcome();
        assertEquals(CheckStatus.PASS, sa.status(), "a re-load cannot change what the bundle never had: " + sa.differences());
        assertEquals("0 service accounts; 1 not carried, not compared (listed under 'needs a person')", sa.expected());
        assertEquals(List.of("kea-backend"), bundle.serviceAccountsNotCarried());
    }

    @Test
    void userDifferencesNameTheUserByIdAndHidePersonalValues() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> { }, u -> {
            ObjectNode ada = (ObjectNode) u.get(0);
            ada.put("firstName", "Augusta");
            ((ObjectNode) ada.get("attributes")).putArray("department").add("sales");
            ada.putArray("realmRoles").add("default-roles-kea");
            ada.putArray("requiredActions").add("TERMS_AND_CONDITIONS");
        }, Expectations.merged());
        onlyFails(result, RealmSection.USERS);
        List<String> d = result.get(RealmSection.USERS).differences();
        assertEquals(List.of(
                "user " + ADA + ": attributes.department differs",
                "user " + ADA + ": firstName differs",
                "user " + ADA + ": realmRoles is [\"default-roles-kea\",\"kea-admin\"] in the bundle, [\"default-roles-kea\"] on the Target",
                "user " + ADA + ": requiredActions is [\"TERMS_AND_CONDITIONS\",\"UPDATE_PASSWORD\"] in the bundle, [\"TERMS_AND_CONDITIONS\"] on the Target"), d);
        assertFalse(d.toString().contains("Augusta") || d.toString().contains("sales") || d.toString().contains("Ada"), d.toString());
    }

    @Test
    void carriedCredentialsMustLandAndNoUpdatePasswordIsExpectedForThem() throws Exception {
        ObjectNode offline = realm();
        ObjectNode ada = (ObjectNode) JSON.readTree(USERS);
        ada.putArray("credentials").addObject().put("type", "password").put("secretData", "{\"value\":\"hash\"}");
        offline.withArray("users").add(ada);
        RealmView bundle = RealmView.ofBundle(realm(), users(), offline);
        ObjectNode landed = (ObjectNode) JSON.readTree(USERS);
        landed.putArray("ferryCredentialTypes").add("password");
        Outcome ok = RealmComparator.compare(bundle, RealmView.ofTarget(targetRealm(), List.of(landed), keys()), Expectations.merged())
                .get(RealmSection.USERS.ordinal()).outcome();
        assertEquals(CheckStatus.PASS, ok.status(), ok.differences().toString());
        landed.putArray("ferryCredentialTypes");
        Outcome lost = RealmComparator.compare(bundle, RealmView.ofTarget(targetRealm(), List.of(landed), keys()), Expectations.merged())
                .get(RealmSection.USERS.ordinal()).outcome();
        assertEquals(List.of("user " + ADA + ": credentialTypes is [\"password\"] in the bundle, [] on the Target"), lost.differences());
    }

    @Test
    void aCarriedPasswordHashIsProvedByItsCredentialIdAndDate() throws Exception {
        ObjectNode offline = realm();
        ObjectNode ada = (ObjectNode) JSON.readTree(USERS);
        ada.putArray("credentials").addObject().put("id", "cred-1").put("type", "password").put("createdDate", 1_700_000_000_000L)
                .put("secretData", "{\"value\":\"hash\"}");
        offline.withArray("users").add(ada);
        RealmView bundle = RealmView.ofBundle(realm(), users(), offline);
        ObjectNode landed = (ObjectNode) JSON.readTree(USERS);
        landed.putArray("ferryCredentialTypes").add("password");
        landed.putArray("ferryCredentials").addObject().put("type", "password").put("id", "cred-1").put("createdDate", 1_700_000_000_000L);
        Outcome kept = RealmComparator.compare(bundle, RealmView.ofTarget(targetRealm(), List.of(landed), keys()), Expectations.merged())
                .get(RealmSection.USERS.ordinal()).outcome();
        assertEquals(CheckStatus.PASS, kept.status(), kept.differences().toString());

        // A password set on the Target instead (a reset, or a hash that did not come): same type, new id and date.
        ((ObjectNode) landed.get("ferryCredentials").get(0)).put("id", "cred-2").put("createdDate", 1_800_000_000_000L);
        Outcome reset = RealmComparator.compare(bundle, RealmView.ofTarget(targetRealm(), List.of(landed), keys()), Expectations.merged())
                .get(RealmSection.USERS.ordinal()).outcome();
        assertEquals(List.of("user " + ADA + ": passwordCredential.createdDate is 1700000000000 in the bundle, 1800000000000 on the Target",
                "user " + ADA + ": passwordCredential.credentialId is 'cred-1' in the bundle, 'cred-2' on the Target"), reset.differences());
        assertFalse(reset.differences().toString().contains("hash"), "the hash is never shown");
    }

    @Test
    void aNumberReadAsIntOrLongAndAUserinfoClaimKeycloakImpliesAreNotDifferences() throws Exception {
        Consumer<ObjectNode> asTargetReads = t -> {
            t.put("eventsExpiration", 3600L);
            ((ObjectNode) t.path("clientScopes").get(0)).putArray("protocolMappers").addObject().put("name", "groups")
                    .putObject("config").put("id.token.claim", "true").put("userinfo.token.claim", "true");
        };
        RealmView bundle = RealmView.ofBundle(withScopeMapper(realm(), "true").put("eventsExpiration", 3600), users(), null);
        Map<RealmSection, Outcome> same = new EnumMap<>(RealmSection.class);
        ObjectNode t = targetRealm();
        asTargetReads.accept(t);
        RealmComparator.compare(bundle, RealmView.ofTarget(t, targetUsers(), keys()), Expectations.merged())
                .forEach(s -> same.put(s.section(), s.outcome()));
        assertEquals(CheckStatus.PASS, same.get(RealmSection.SETTINGS).status(), same.get(RealmSection.SETTINGS).differences().toString());
        assertEquals(CheckStatus.PASS, same.get(RealmSection.CLIENT_SCOPES).status(), same.get(RealmSection.CLIENT_SCOPES).differences().toString());

        // Without the claim in the ID token, absence means "not in userinfo": "true" on the Target is a difference.
        RealmView notInIdToken = RealmView.ofBundle(withScopeMapper(realm(), "false"), users(), null);
        ObjectNode t2 = targetRealm();
        ((ObjectNode) t2.path("clientScopes").get(0)).putArray("protocolMappers").addObject().put("name", "groups")
                .putObject("config").put("id.token.claim", "false").put("userinfo.token.claim", "true");
        Outcome scopes = RealmComparator.compare(notInIdToken, RealmView.ofTarget(t2, targetUsers(), keys()), Expectations.merged())
                .get(RealmSection.CLIENT_SCOPES.ordinal()).outcome();
        assertEquals(List.of("client scope 'kea-scope': protocolMappers.groups.config.userinfo.token.claim is on the Target only ('true')"),
                scopes.differences());
    }

    private static ObjectNode withScopeMapper(ObjectNode realm, String idTokenClaim) {
        ((ObjectNode) realm.path("clientScopes").get(0)).putArray("protocolMappers").addObject().put("name", "groups")
                .putObject("config").put("id.token.claim", idTokenClaim);
        return realm;
    }

    @Test
    void settingsDifferencesShowBothValuesButNeverTheSmtpPassword() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> {
            t.put("registrationAllowed", false);
            t.putArray("supportedLocales").add("en");
            ((ObjectNode) t.get("smtpServer")).put("password", "**********").put("host", "other.example.test");
        }, Expectations.merged());
        onlyFails(result, RealmSection.SETTINGS);
        assertEquals(List.of(
                "realm settings: registrationAllowed is true in the bundle, false on the Target",
                "realm settings: smtpServer.host is 'mail.example.test' in the bundle, 'other.example.test' on the Target",
                "realm settings: supportedLocales is [\"en\",\"fr\"] in the bundle, [\"en\"] on the Target"),
                result.get(RealmSection.SETTINGS).differences());
    }

    @Test
    void theKeysOfAnOfflineExportMustBePublishedByTheTarget() throws Exception {
        String pem = TestCertificate.PEM;
        ObjectNode offline = realm();
        ObjectNode provider = (ObjectNode) offline.path("components").path("org.keycloak.keys.KeyProvider").get(0);
        ((ObjectNode) provider.get("config")).putArray("certificate").add(pem);
        ((ObjectNode) provider.get("config")).putArray("privateKey").add("MIIE-not-a-real-key");
        ((ArrayNode) offline.path("components").path("org.keycloak.keys.KeyProvider")).addObject().put("name", "hmac-generated")
                .put("providerId", "hmac-generated").putObject("config").putArray("kid").add("hmac-kid");
        RealmView bundle = RealmView.ofBundle(realm(), users(), offline);
        String kid = KeyIds.ofCertificate(pem);
        assertEquals(TestCertificate.KID, kid);
        Outcome published = RealmComparator.compare(bundle, RealmView.ofTarget(targetRealm(), targetUsers(), keys(kid, "hmac-kid", "extra")),
                Expectations.created(true)).get(RealmSection.KEYS.ordinal()).outcome();
        assertEquals(CheckStatus.PASS, published.status(), published.differences().toString());
        Outcome renewed = RealmComparator.compare(bundle, RealmView.ofTarget(targetRealm(), targetUsers(), keys("new-kid", "hmac-kid")),
                Expectations.created(true)).get(RealmSection.KEYS.ordinal()).outcome();
        assertEquals(List.of("key id " + kid + " of the Source is not published by the Target: tokens it signed are invalid there"),
                renewed.differences());
    }

    @Test
    void identityProviderSecretsTheTargetMasksAreSaidToBeNotCompared() throws Exception {
        ObjectNode offline = realm();
        ((ObjectNode) offline.path("identityProviders").get(0).get("config")).put("clientSecret", "idp-secret-throwaway");
        RealmView bundle = RealmView.ofBundle(realm(), users(), offline);
        Outcome idp = RealmComparator.compare(bundle, RealmView.ofTarget(targetRealm(), targetUsers(), keys()), Expectations.merged())
                .get(RealmSection.IDENTITY_PROVIDERS.ordinal()).outcome();
        assertEquals(CheckStatus.PASS, idp.status(), idp.differences().toString());
        assertTrue(idp.expected().contains("1 secret(s) the Target's Admin API masks, not compared"), idp.expected());
        Map<RealmSection, Outcome> mapper = compare(t -> ((ObjectNode) t.get("identityProviderMappers").get(0).get("config"))
                .put("user.attribute", "dept"), Expectations.merged());
        assertEquals(List.of("identity provider mapper 'corp-oidc/corp-dept': config.user.attribute is 'department' in the bundle, 'dept' on the Target"),
                mapper.get(RealmSection.IDENTITY_PROVIDERS).differences());
    }

    @Test
    void aGroupAttributeOrRoleMappingChangeFailsTheGroupsSection() throws Exception {
        Map<RealmSection, Outcome> result = compare(t -> {
            ObjectNode editors = (ObjectNode) t.get("groups").get(0).get("subGroups").get(0);
            ((ObjectNode) editors.get("attributes")).putArray("floor").add("4");
            ((ObjectNode) editors.get("clientRoles")).putArray("kea-backend").add("reader");
        }, Expectations.merged());
        onlyFails(result, RealmSection.GROUPS);
        assertEquals(List.of(
                "group /staff/editors: attributes.floor is [\"3\"] in the bundle, [\"4\"] on the Target",
                "group /staff/editors: clientRoles.kea-backend is [\"editor\"] in the bundle, [\"reader\"] on the Target"),
                result.get(RealmSection.GROUPS).differences());
    }

    @Test
    void whatKeycloakWritesForAnUnsetFieldIsNotADifferenceButAnAddedValueIs() throws Exception {
        // A realm created from an export gains these (measured, OfflineExportPathTest): they mean "unset".
        Map<RealmSection, Outcome> defaults = compare(t -> {
            t.putObject("attributes").put("clientSessionIdleTimeout", "0").put("frontendUrl", "");
            ((ObjectNode) find(t.get("clients"), "clientId", "kea-web")).putObject("attributes").put("post.logout.redirect.uris", "+");
            t.put("eventsExpiration", 0);
        }, Expectations.created(false));
        onlyFails(defaults, null);
        Map<RealmSection, Outcome> added = compare(t -> ((ObjectNode) find(t.get("clients"), "clientId", "kea-web"))
                .putObject("attributes").put("post.logout.redirect.uris", "https://elsewhere.example.test/*"), Expectations.created(false));
        assertEquals(List.of("client 'kea-web': attributes is on the Target only ({\"post.logout.redirect.uris\":\"https://elsewhere.example.test/*\"})"),
                added.get(RealmSection.CLIENTS).differences());
    }
}
