package dev.ferry.tests.e2e.keycloak;

import static dev.ferry.tests.e2e.keycloak.AdminApiMasksTest.uniqueRealm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.e2e.fixture.TestKeys;
import dev.ferry.tests.generator.ShapedRealm;
import dev.ferry.tests.generator.ShapedRealmSeeder;
import dev.ferry.tests.harness.KeycloakRest;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaped realm (imported keys, authorization with a user policy, composites, scope mappings, SMTP, an identity
 * provider, LDAP, service accounts) through the real ferry-export and ferry-import, on both paths, into an absent and
 * a present realm of the real Keycloak 26.4. Each either loads (service accounts keep their ids, left-out values are
 * listed) or is refused up front by the dry run, and then by the load, in the same words, with the Target untouched.
 */
@ExtendWith(StoresExtension.class)
class ShapedRealmLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SA_BACKEND = "user:service-account-kea-backend";

    @TempDir
    Path dir;

    private TestKeys keys() throws Exception {
        return TestKeys.generate(Files.createDirectories(dir.resolve("keys")), "shaped");
    }

    @Test
    void apiBundleIntoAnAbsentRealmLoadsInOnePostKeepingServiceAccountIdsAndListsWhatItLeftOut(Stores stores) throws Exception {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        ShapedRealm shaped = ShapedRealmSeeder.seed(source, ShapedRealm.create(uniqueRealm("ld-api")));
        TestKeys keys = keys();
        LoadRun plan = ShapedBundles.plan(stores, shaped, dir.resolve("plan"));
        assertEquals(0, plan.exitCode(), plan.all());
        assertTrue(plan.out().contains("2 service-account users carried with their ids"), plan.out());
        assertTrue(plan.out().contains("not carried (6)"), plan.out());
        assertTrue(plan.out().contains("- keys of key provider 'imported-rsa' (rsa): the Target generates new realm keys: every user "
                + "logs in again, and tokens and key ids issued by the Source are invalid on the Target"), plan.out());
        assertTrue(plan.out().contains("fix: re-enter it on the Target (Realm settings → Email)"), plan.out());
        ShapedBundles.Exported exported = ShapedBundles.export(stores, shaped, keys, dir.resolve("export"), false);
        JsonNode summary = JSON.readTree(exported.run().out());
        JsonNode kc = summary.path("stores").path(0);
        assertEquals(2, kc.path("counts").path("service-accounts").asInt(), kc.toString());
        Set<String> leftOut = new TreeSet<>();
        kc.path("leftOut").forEach(l -> leftOut.add(l.path("what").asText()));
        assertEquals(new TreeSet<>(Set.of("password of the SMTP server", "clientSecret of identity provider 'corp-oidc'",
                "bindCredential of user federation 'corp-ldap' (ldap)", "keys of key provider 'imported-rsa' (rsa)",
                "keys of key provider 'imported-rsa-enc' (rsa-enc)", "keys of key provider 'hmac-generated' (hmac-generated)")),
                leftOut, "the summary lists every value left out; the rotated client secret is read in clear");
        assertFalse(exported.run().out().contains(ShapedRealm.SMTP_PASSWORD));

        TargetFixture t = ShapedBundles.target(stores, shaped.name(), keys, exported.bundle(), dir.resolve("target"));
        LoadRun dry = t.load("--stores", "keycloak", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.all());
        assertTrue(dry.out().contains("create the realm with its users in one request"), dry.out());
        assertTrue(dry.out().contains("keys of key provider 'imported-rsa' (rsa): the Target generates new realm keys: every user "
                + "logs in again"), dry.out());
        assertTrue(dry.out().contains("password of the SMTP server"), dry.out());
        assertEquals(404, target.get("/admin/realms/" + shaped.name()).status(), "the dry run wrote nothing");

        LoadRun load = t.load("--stores", "keycloak");
        assertEquals(0, load.exitCode(), load.all());
        assertTrue(load.out().contains("password of the SMTP server"), "the summary lists the left-out values: " + load.out());
        RealmSnapshot src = RealmSnapshot.of(source, shaped.name());
        RealmSnapshot tgt = RealmSnapshot.of(target, shaped.name());
        assertEquals(src.users(), tgt.users(), "every user id kept, the service accounts' included");
        assertEquals(src.policies("kea-backend"), tgt.policies("kea-backend"), "the user policy resolved in the one POST");
        KeycloakRest.Answer grant = target.token(shaped.name(), Map.of("grant_type", "client_credentials", "client_id", "kea-backend",
                "client_secret", ShapedRealm.BACKEND_SECRET));
        assertEquals(shaped.id(SA_BACKEND), Tokens.claims(Tokens.accessToken(grant)).path("sub").asText(),
                "client_credentials gives the Source's service-account id");
        JsonNode realm = target.json("/admin/realms/" + shaped.name());
        assertFalse(realm.path("smtpServer").has("password"), "left out, never the mask: " + realm.path("smtpServer"));
        Set<String> common = new TreeSet<>(src.kids());
        common.retainAll(tgt.kids());
        assertEquals(Set.of(), common, "new realm keys, as listed");
    }

    @Test
    void aUserPolicyIsRefusedByTheDryRunAndTheLoadAlikeIntoAPresentRealmAndWithoutOneThePresentRealmLoads(Stores stores)
            throws Exception {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        TestKeys keys = keys();
        ShapedRealm withPolicy = ShapedRealmSeeder.seed(source, ShapedRealm.create(uniqueRealm("ld-pol")));
        Path bundle = ShapedBundles.export(stores, withPolicy, keys, dir.resolve("export-1"), false).bundle();
        TargetFixture t = ShapedBundles.target(stores, withPolicy.name(), keys, bundle, dir.resolve("target-1"));
        assertEquals(201, target.post("/admin/realms", JSON.createObjectNode().put("realm", withPolicy.name()).put("enabled", true)).status());

        LoadRun dry = t.load("--stores", "keycloak", "--dry-run");
        LoadRun load = t.load("--stores", "keycloak");
        assertEquals(5, dry.exitCode(), dry.all());
        assertTrue(dry.err().contains("user policy 'ada-only' of client 'kea-backend'"), dry.err());
        assertTrue(dry.err().contains("load into an absent realm"), dry.err());
        assertEquals(dry.exitCode(), load.exitCode(), load.all());
        assertEquals(refusal(dry), refusal(load), "the load refuses exactly as the dry run did");
        assertEquals(0, target.json("/admin/realms/" + withPolicy.name() + "/clients?clientId=kea-backend").size(), "untouched");
        assertEquals(0, target.json("/admin/realms/" + withPolicy.name() + "/users").size(), "untouched");

        // The same realm without the user policy merges into a present realm, service accounts with the Source's ids.
        ShapedRealm shaped = ShapedRealm.create(uniqueRealm("ld-pre"));
        ShapedVariants.withoutPolicy(shaped.json(), "kea-backend", "ada-only");
        ShapedRealmSeeder.seed(source, shaped);
        Path bundle2 = ShapedBundles.export(stores, shaped, keys, dir.resolve("export-2"), false).bundle();
        TargetFixture t2 = ShapedBundles.target(stores, shaped.name(), keys, bundle2, dir.resolve("target-2"));
        assertEquals(201, target.post("/admin/realms", JSON.createObjectNode().put("realm", shaped.name()).put("enabled", true)).status());
        LoadRun dry2 = t2.load("--stores", "keycloak", "--dry-run");
        assertEquals(0, dry2.exitCode(), dry2.all());
        assertTrue(dry2.out().contains("not carried into a present realm"), dry2.out());
        assertTrue(dry2.out().contains("role policy 'editors' of client 'kea-backend' loses its roles"), dry2.out());
        LoadRun load2 = t2.load("--stores", "keycloak");
        assertEquals(0, load2.exitCode(), load2.all());
        assertTrue(load2.out().contains("not carried into a present realm"), load2.out());
        KeycloakRest.Answer grant = target.token(shaped.name(), Map.of("grant_type", "client_credentials", "client_id", "kea-backend",
                "client_secret", ShapedRealm.BACKEND_SECRET));
        assertEquals(200, grant.status(), "the service account came after its client: " + grant.body());
        assertEquals(shaped.id(SA_BACKEND), Tokens.claims(Tokens.accessToken(grant)).path("sub").asText());
        RealmSnapshot tgt = RealmSnapshot.of(target, shaped.name());
        assertEquals(shaped.id("user:service-account-kea-worker"), tgt.users().get("service-account-kea-worker"));
        assertEquals(shaped.id("user:ada"), tgt.users().get("ada"));
    }

    @Test
    void offlineBundleIntoAnAbsentAndIntoAPresentRealmKeepsServiceAccountIds(Stores stores) throws Exception {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        TestKeys keys = keys();
        ShapedRealm shaped = ShapedRealmSeeder.seed(source, ShapedRealm.create(uniqueRealm("ld-off")));
        ShapedBundles.Exported exported = ShapedBundles.export(stores, shaped, keys, dir.resolve("export"), true);
        assertEquals(0, JSON.readTree(exported.run().out()).path("stores").path(0).path("leftOut").size(),
                "the offline export carries every value: nothing is listed");

        TargetFixture t = ShapedBundles.target(stores, shaped.name(), keys, exported.bundle(), dir.resolve("target-absent"));
        assertEquals(0, t.load("--stores", "keycloak", "--dry-run").exitCode());
        LoadRun load = t.load("--stores", "keycloak");
        assertEquals(0, load.exitCode(), load.all());
        RealmSnapshot src = RealmSnapshot.of(source, shaped.name());
        RealmSnapshot tgt = RealmSnapshot.of(target, shaped.name());
        assertEquals(src.users(), tgt.users());
        assertEquals(src.kids(), tgt.kids(), "the keys came: tokens from the Source stay valid");
        KeycloakRest.Answer login = Tokens.passwordGrant(target, shaped.name(), "kea-web", "nameless", ShapedRealm.NAMELESS_PASSWORD);
        assertEquals(200, login.status(), "the Source password works: " + login.body());
        // (kea-web's tokens carry no "sub": the shaped realm assigns it no "basic" client scope; ids are compared above.)

        // Into a present realm: the offline bundle of the same realm, on a fresh Target fixture (which removes the realm
        // loaded above) where the realm exists empty.
        TargetFixture present = ShapedBundles.target(stores, shaped.name(), keys, exported.bundle(), dir.resolve("target-present"));
        assertEquals(201, target.post("/admin/realms", JSON.createObjectNode().put("realm", shaped.name()).put("enabled", true)).status());
        LoadRun refused = present.load("--stores", "keycloak", "--dry-run");
        assertEquals(5, refused.exitCode(), "the shaped realm's user policy cannot be merged: " + refused.all());
        assertTrue(refused.err().contains("user policy 'ada-only'"), refused.err());
    }

    @Test
    void offlineBundleWithoutAUserPolicyMergesIntoAPresentRealmWithServiceAccountsAndPasswords(Stores stores) throws Exception {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        TestKeys keys = keys();
        ShapedRealm shaped = ShapedRealm.create(uniqueRealm("ld-offp"));
        ShapedVariants.withoutPolicy(shaped.json(), "kea-backend", "ada-only");
        ShapedRealmSeeder.seed(source, shaped);
        Path bundle = ShapedBundles.export(stores, shaped, keys, dir.resolve("export"), true).bundle();
        TargetFixture t = ShapedBundles.target(stores, shaped.name(), keys, bundle, dir.resolve("target"));
        assertEquals(201, target.post("/admin/realms", JSON.createObjectNode().put("realm", shaped.name()).put("enabled", true)).status());

        LoadRun dry = t.load("--stores", "keycloak", "--dry-run");
        assertEquals(0, dry.exitCode(), dry.all());
        assertTrue(dry.out().contains("not carried into a present realm"), dry.out());
        LoadRun load = t.load("--stores", "keycloak");
        assertEquals(0, load.exitCode(), load.all());
        RealmSnapshot tgt = RealmSnapshot.of(target, shaped.name());
        assertEquals(shaped.id(SA_BACKEND), tgt.users().get("service-account-kea-backend"));
        assertEquals(shaped.id("user:nameless"), tgt.users().get("nameless"));
        KeycloakRest.Answer grant = target.token(shaped.name(), Map.of("grant_type", "client_credentials", "client_id", "kea-backend",
                "client_secret", ShapedRealm.BACKEND_SECRET));
        assertEquals(shaped.id(SA_BACKEND), Tokens.claims(Tokens.accessToken(grant)).path("sub").asText());
        // The hash came with the merge; the present realm's own VERIFY_PROFILE then stops a user without names
        // (keycloak-paths §3), so the login is checked with olga's account setup aside: the credential is the Source's.
        String at = "/admin/realms/" + shaped.name() + "/users/" + shaped.id("user:nameless") + "/credentials";
        assertEquals(source.json(at).path(0).path("id"), target.json(at).path(0).path("id"), "the Source's password credential");
    }

    @Test
    void aMaskedKeyAndAnIdHeldByAnotherRealmAreRefusedByTheDryRunAndTheLoadAlikeWithTheTargetUntouched(Stores stores)
            throws Exception {
        KeycloakRest source = new KeycloakRest(stores.source().keycloak());
        KeycloakRest target = new KeycloakRest(stores.target().keycloak());
        TestKeys keys = keys();
        ShapedRealm shaped = ShapedRealmSeeder.seed(source, ShapedRealm.create(uniqueRealm("ld-ref")));

        // A bundle an earlier Ferry wrote: realm.json as the Admin API read it, the masked private keys in it, and an
        // identity provider whose provider this Target lacks.
        FerryApiRead read = FerryApiRead.of(source.endpoint(), shaped.name());
        ObjectNode realm = read.realm().deepCopy();
        ((ObjectNode) realm.path("identityProviders").path(0)).put("providerId", "no-such-provider");
        Path earlier = ShapedBundles.sealedByHand(read, realm, keys, dir);
        TargetFixture t = ShapedBundles.target(stores, shaped.name(), keys, earlier, dir.resolve("target-masked"));
        LoadRun dry = t.load("--stores", "keycloak", "--dry-run");
        LoadRun load = t.load("--stores", "keycloak");
        assertEquals(5, dry.exitCode(), dry.all());
        assertTrue(dry.err().contains("privateKey of key provider 'imported-rsa' (rsa)"), dry.err());
        assertTrue(dry.err().contains("identity provider 'corp-oidc' needs provider 'no-such-provider'"), dry.err());
        assertTrue(dry.err().contains("--keycloak-realm-file"), dry.err());
        assertEquals(5, load.exitCode(), load.all());
        assertEquals(refusal(dry), refusal(load));
        assertEquals(404, target.get("/admin/realms/" + shaped.name()).status(), "no realm: nothing was written");

        // The real export of the same realm loads; then the same bundle into another realm of the Target finds its ids held.
        Path bundle = ShapedBundles.export(stores, shaped, keys, dir.resolve("export"), false).bundle();
        TargetFixture first = ShapedBundles.target(stores, shaped.name(), keys, bundle, dir.resolve("target-first"));
        assertEquals(0, first.load("--stores", "keycloak").exitCode());
        String other = shaped.name() + "-b";
        TargetFixture second = ShapedBundles.target(stores, other, keys, bundle, dir.resolve("target-second"));
        LoadRun dry2 = second.load("--stores", "keycloak", "--dry-run");
        LoadRun load2 = second.load("--stores", "keycloak");
        assertEquals(5, dry2.exitCode(), dry2.all());
        assertTrue(dry2.err().contains("realm id " + shaped.id("realm") + " is realm '" + shaped.name() + "'"), dry2.err());
        for (String held : new String[] {"user id " + shaped.id("user:ada"), "user id " + shaped.id(SA_BACKEND),
                "group id " + shaped.id("group:/staff"), "role id " + shaped.id("role:kea-admin"),
                "client id " + shaped.id("client:kea-backend"), "component id " + shaped.id("component:corp-ldap"),
                "identity provider mapper id " + shaped.id("idp-mapper:corp-admins")}) {
            assertTrue(dry2.err().contains(held + " is already used in realm '" + shaped.name() + "'"), held + ": " + dry2.err());
        }
        assertEquals(5, load2.exitCode(), load2.all());
        assertEquals(refusal(dry2), refusal(load2));
        assertEquals(404, target.get("/admin/realms/" + other).status(), "no realm: nothing was written");
    }

    /** The refusal's text without the dry run's own framing, to compare the dry run's with the load's. */
    private static String refusal(LoadRun run) {
        String err = run.err();
        int at = err.indexOf("the Target Keycloak would refuse");
        return at < 0 ? err : err.substring(at);
    }
}
