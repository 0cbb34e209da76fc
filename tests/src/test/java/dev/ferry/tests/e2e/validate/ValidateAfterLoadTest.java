package dev.ferry.tests.e2e.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.ExpectedTuples;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.OpenFgaProbe;
import dev.ferry.tests.e2e.fixture.SeededSource;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.FgaTuple;
import dev.ferry.tests.generator.KeaBucket;
import dev.ferry.tests.generator.KeaClient;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.generator.KeaTeam;
import dev.ferry.tests.generator.KeaUser;
import dev.ferry.tests.generator.ObjectContent;
import dev.ferry.tests.generator.ObjectSpec;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientTupleKeyWithoutCondition;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;

/**
 * ferry-import validate against a Target that ferry-import load filled from the bundle ferry-export wrote of the kea
 * Source: it passes as loaded, and fails, naming the difference, when one row, one tuple, one membership or one
 * object byte is changed afterwards.
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class ValidateAfterLoadTest {

    private record Loaded(ExportedBundle bundle, SeededSource source, KeaDataset dataset, TargetFixture target) {
    }

    private static Loaded loadedTarget(Stores stores, ExportedBundles bundles, Path dir) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.KEA);
        TargetFixture target = new TargetFixture(stores, bundle, dir);
        LoadRun load = target.load();
        assertEquals(0, load.exitCode(), "the load must succeed before validation means anything:\n" + load.all());
        return new Loaded(bundle, bundle.source(), bundle.source().dataset(), target);
    }

    @Test
    void passesOnATargetFerryLoaded(Stores stores, ExportedBundles bundles, @TempDir Path dir) throws Exception {
        Loaded l = loadedTarget(stores, bundles, dir);
        TargetFixture t = l.target();
        Path html = dir.resolve("out/report.html");

        LoadRun run = t.validate("--json", "--report", html.toString());

        assertEquals(0, run.exitCode(), run.all());
        JsonNode json = new ObjectMapper().readTree(run.out());
        String report = Files.readString(html);
        assertEquals("PASS", json.get("verdict").asText());
        List<String> ids = json.get("checks").findValuesAsText("id");
        for (String expected : List.of("postgres.table.tag", "postgres.table.metadata", "postgres.table.agent", "keycloak.groups",
                "keycloak.users", "keycloak.memberships", "keycloak.realm.settings", "keycloak.realm.roles", "keycloak.realm.clients",
                "keycloak.realm.client-scopes", "keycloak.realm.scope-mappings", "keycloak.realm.authorization", "keycloak.realm.groups",
                "keycloak.realm.users", "keycloak.realm.service-accounts", "keycloak.realm.identity-providers", "keycloak.realm.keys", "openfga.tuples", "objects.content", "cross.teams-are-groups",
                "cross.documents-have-metadata", "cross.metadata-has-objects")) {
            assertTrue(ids.contains(expected), expected + " ran: " + ids);
        }
        json.get("checks").forEach(c -> assertEquals("PASS", c.get("status").asText(), c.toString()));
        List<FgaTuple> sourceTuples = l.source().tuples();
        long usernameForm = sourceTuples.stream().filter(ExpectedTuples::usernameForm).count();
        assertTrue(usernameForm > 0, "the Source has username-form tuples");
        assertEquals(sourceTuples.size() - usernameForm, json.at("/stores/2/actual/tuples:after-filter").asLong(),
                sourceTuples.size() + " tuples less " + usernameForm + " username-form subjects");
        assertTrue(json.get("reminders").findValuesAsText("id").contains("keycloak.webauthn-reenrolment"));
        // The API path carries no realm keys: needs a person says what that means.
        assertTrue(json.get("reminders").findValuesAsText("title").contains("Realm keys not carried: users log in again after cutover"),
                json.get("reminders").toString());
        assertTrue(report.contains("<tr class=\"group\"><th colspan=\"5\">Roles <span class=\"pill PASS\">"),
                "the HTML report groups the realm checks per section");
        JsonNode storeName = json.get("reminders").findParents("id").stream()
                .filter(m -> m.get("id").asText().equals("openfga.store-name")).findFirst().orElseThrow();
        assertEquals(t.storeName, storeName.at("/subjects/0").asText(), "the reminder names the store the application must use");

        assertTrue(report.contains("PASS — the Target matches the bundle"));
        for (ObjectSpec o : l.dataset().objectsIn(KeaBucket.DOCUMENTS)) {
            String file = o.key().substring(o.key().lastIndexOf('/') + 1);
            if (o.key().contains("/input/")) {
                assertFalse(report.contains(file), "object keys (file names) never reach the report: " + file);
            }
        }
        assertFalse(report.contains(t.target.s3().secretKey()), "no secret in the report");
        assertFalse(report.contains(t.database.jdbcUrl()), "no store address either");
        // The one place a username may appear is the list of dropped username-form tuples, which a person must review.
        String outsideDropped = withoutSection(report, "<h2>Dropped by the load</h2>");
        for (KeaUser u : l.dataset().users()) {
            assertFalse(outsideDropped.contains(u.username()), "people are counted, not named, in the management report: " + u.username());
        }
    }

    @Test
    void anOfflineLoadPassesEveryRealmSectionKeysAndPasswordHashesIncluded(Stores stores, ExportedBundles bundles,
            @TempDir Path dir) throws Exception {
        ExportedBundle bundle = bundles.withOfflineRealm(stores, Shapes.KEA);
        TargetFixture t = new TargetFixture(stores, bundle, dir);
        LoadRun load = t.load("--stores", "keycloak");
        assertEquals(0, load.exitCode(), load.all());

        LoadRun run = t.validate("--stores", "keycloak", "--json");

        assertEquals(0, run.exitCode(), run.all());
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode keys = json.get("checks").findParents("id").stream()
                .filter(c -> c.get("id").asText().equals("keycloak.realm.keys")).findFirst().orElseThrow();
        assertTrue(keys.get("expected").asText().matches("[1-9][0-9]* key ids"), keys.toString());
        assertEquals(keys.get("expected").asText().replace("key ids", "published"), keys.get("actual").asText(),
                "the Target publishes every key id of the Source");
        json.get("checks").forEach(c -> assertEquals("PASS", c.get("status").asText(), c.toString()));
        List<String> reminders = json.get("reminders").findValuesAsText("id");
        assertFalse(reminders.contains("keycloak.left-out"), "the offline export leaves nothing out: " + reminders);
        assertFalse(reminders.contains("keycloak.password-reset"), "every password hash came along: " + reminders);
    }

    @Test
    void aChangedRowFailsNamingTheTableRowAndColumn(Stores stores, ExportedBundles bundles, @TempDir Path dir) throws Exception {
        Loaded l = loadedTarget(stores, bundles, dir);
        TargetFixture t = l.target();
        String resource = l.source().database().textColumns("resource", "resource_id", "resource_name").keySet().iterator().next();
        try (Connection c = DriverManager.getConnection(t.database.jdbcUrl(), t.database.user(), t.database.password());
                Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE resource SET resource_name = 'Prompt 1' WHERE resource_id = '" + resource + "'"));
        }

        LoadRun run = t.validate();

        assertEquals(5, run.exitCode(), run.all());
        assertTrue(run.out().contains("FAIL   postgres"), run.out());
        assertTrue(run.out().contains("row resource(resource_id='" + resource + "') differs in column(s): resource_name"), run.out());
        assertTrue(run.err().contains("validation checks found differences"), run.err());
    }

    @Test
    void aRemovedTupleFailsNamingTheTuple(Stores stores, ExportedBundles bundles, @TempDir Path dir) throws Exception {
        Loaded l = loadedTarget(stores, bundles, dir);
        TargetFixture t = l.target();
        FgaTuple teamGrant = l.dataset().tuples().stream().filter(tu -> tu.user().startsWith("team:") && tu.object().startsWith("tag:"))
                .findFirst().orElseThrow(() -> new AssertionError("the dataset has a team owning a tag"));
        OpenFgaClient fga = new OpenFgaClient(new ClientConfiguration().apiUrl(t.target.openfga().apiUrl())
                .storeId(new OpenFgaProbe(t.target.openfga().apiUrl()).storeId(t.storeName)));
        fga.deleteTuples(List.of(new ClientTupleKeyWithoutCondition().user(teamGrant.user()).relation(teamGrant.relation())
                ._object(teamGrant.object()))).get();

        LoadRun run = t.validate();

        assertEquals(5, run.exitCode(), run.all());
        assertTrue(run.out().contains("tuple " + teamGrant.object() + "#" + teamGrant.relation() + "@" + teamGrant.user()
                + " is in the bundle but missing on the Target"), run.out());
    }

    @Test
    void aRemovedMembershipFailsNamingTheUserAndGroup(Stores stores, ExportedBundles bundles, @TempDir Path dir) throws Exception {
        Loaded l = loadedTarget(stores, bundles, dir);
        TargetFixture t = l.target();
        KeaUser user = l.dataset().users().get(1);
        KeaTeam team = l.dataset().teamsById().get(user.teamIds().get(0));
        var kc = t.target.keycloak();
        try (Keycloak admin = Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli")) {
            admin.realm(t.realm).users().get(user.id()).leaveGroup(team.id());
        }

        LoadRun run = t.validate();

        assertEquals(5, run.exitCode(), run.all());
        assertTrue(run.out().contains("user " + user.id() + " is a member of group " + team.id()
                + " (" + team.path() + ") in the bundle but not on the Target"), run.out());
    }

    @Test
    void aRegeneratedClientSecretFailsTheClientsSectionWithoutPrintingEitherSecret(Stores stores, ExportedBundles bundles,
            @TempDir Path dir) throws Exception {
        Loaded l = loadedTarget(stores, bundles, dir);
        TargetFixture t = l.target();
        KeaClient backend = l.dataset().clients().stream().filter(c -> !c.publicClient()).findFirst().orElseThrow();
        var kc = t.target.keycloak();
        String regenerated;
        try (Keycloak admin = Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli")) {
            regenerated = admin.realm(t.realm).clients().get(backend.id()).generateNewSecret().getValue();
        }

        LoadRun run = t.validate("--json");

        assertEquals(5, run.exitCode(), run.all());
        JsonNode clients = new ObjectMapper().readTree(run.out()).get("checks").findParents("id").stream()
                .filter(c -> c.get("id").asText().equals("keycloak.realm.clients")).findFirst().orElseThrow();
        assertEquals("FAIL", clients.get("status").asText());
        assertEquals("Clients", clients.get("group").asText());
        assertEquals("secret of client '" + backend.clientId() + "' differs (compared by SHA-256, not shown)",
                clients.at("/differences/0").asText(), clients.toString());
        assertFalse(run.all().contains(regenerated), "the Target's secret is never printed");
        assertFalse(run.all().contains(backend.secret()), "nor the bundle's");
    }

    @Test
    void aChangedObjectByteFailsNamingTheObjectButNotItsKey(Stores stores, ExportedBundles bundles, @TempDir Path dir) throws Exception {
        Loaded l = loadedTarget(stores, bundles, dir);
        TargetFixture t = l.target();
        ObjectSpec preview = l.dataset().objectsIn(KeaBucket.DOCUMENTS).stream()
                .filter(o -> o.key().contains("/output/") && o.size() > 1).findFirst().orElseThrow();
        String fileName = preview.key().substring(preview.key().lastIndexOf('/') + 1);
        String sourceBucket = l.source().bucketOf(preview);
        String bucket = t.targetBucket(sourceBucket);
        var s3 = t.target.s3();
        MinioClient minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
        byte[] bytes;
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(preview.key()).build())) {
            bytes = in.readAllBytes();
        }
        bytes[bytes.length / 2] ^= 1;
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(preview.key()).stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType(preview.contentType()).build());

        LoadRun run = t.validate("--json");

        assertEquals(5, run.exitCode(), run.all());
        JsonNode objects = new ObjectMapper().readTree(run.out()).get("checks").findParents("id").stream()
                .filter(c -> c.get("id").asText().equals("objects.content")).findFirst().orElseThrow();
        assertEquals("FAIL", objects.get("status").asText());
        assertEquals(1, objects.get("differences").size(), objects.toString());
        assertEquals("object " + l.bundle().objectEntry(sourceBucket, preview.key()) + " in bucket " + bucket + ": SHA-256 differs (bundle "
                + ObjectContent.sha256(preview) + ", Target " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + ")",
                objects.get("differences").get(0).asText());
        assertFalse(run.all().contains(fileName), "the key is never printed: " + fileName);
    }

    /** The HTML without the section that starts at {@code heading} and runs to the next heading or the footer. */
    private static String withoutSection(String html, String heading) {
        int start = html.indexOf(heading);
        if (start < 0) {
            return html;
        }
        int next = html.indexOf("<h2", start + heading.length());
        int end = next >= 0 ? next : html.indexOf("<footer", start);
        return html.substring(0, start) + html.substring(end < 0 ? html.length() : end);
    }
}
