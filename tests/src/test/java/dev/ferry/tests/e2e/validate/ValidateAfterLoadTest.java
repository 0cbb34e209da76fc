package dev.ferry.tests.e2e.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.tests.e2e.fixture.KeaSample;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.openfga.sdk.api.client.OpenFgaClient;
import dev.openfga.sdk.api.client.model.ClientTupleKeyWithoutCondition;
import dev.openfga.sdk.api.configuration.ClientConfiguration;
import dev.openfga.sdk.api.configuration.ClientListStoresOptions;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;

/**
 * ferry-import validate against a Target that ferry-import load filled from a sealed bundle: it passes as loaded, and
 * fails, naming the difference, when one row, one tuple, one membership or one object byte is changed afterwards.
 */
@ExtendWith(StoresExtension.class)
class ValidateAfterLoadTest {
    /** One document with objects, one more big one; every document tuple has a metadata row and every row its objects. */
    private static final SampleBundle.Size SIZE = new SampleBundle.Size(2, 1, 256 * 1024);

    private TargetFixture loadedTarget(Stores stores, Path dir) throws Exception {
        KeaSample sample = new KeaSample(3, 2);
        SampleBundle.Keys keys = SampleBundle.Keys.generate(Files.createDirectories(dir.resolve("keys")), "v" + sample.suffix);
        Path bundle = dir.resolve("bundle");
        SampleBundle.seal(stores, sample, SIZE, keys, bundle);
        TargetFixture target = new TargetFixture(stores, sample, keys, bundle, dir, "");
        LoadRun load = target.load();
        assertEquals(0, load.exitCode(), "the load must succeed before validation means anything:\n" + load.all());
        return target;
    }

    @Test
    void passesOnATargetFerryLoaded(Stores stores, @TempDir Path dir) throws Exception {
        TargetFixture t = loadedTarget(stores, dir);
        Path html = dir.resolve("out/report.html");

        LoadRun run = t.validate("--json", "--report", html.toString());

        assertEquals(0, run.exitCode(), run.all());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("PASS", json.get("verdict").asText());
        List<String> ids = json.get("checks").findValuesAsText("id");
        for (String expected : List.of("postgres.table.tag", "postgres.table.metadata", "postgres.table.agent", "keycloak.groups",
                "keycloak.users", "keycloak.memberships", "openfga.tuples", "objects.content", "cross.teams-are-groups",
                "cross.documents-have-metadata", "cross.metadata-has-objects")) {
            assertTrue(ids.contains(expected), expected + " ran: " + ids);
        }
        json.get("checks").forEach(c -> assertEquals("PASS", c.get("status").asText(), c.toString()));
        assertEquals(8, json.at("/stores/2/actual/tuples:after-filter").asLong(), "11 tuples less 3 username-form subjects");
        assertTrue(json.get("reminders").findValuesAsText("id").contains("keycloak.webauthn-reenrolment"));
        JsonNode storeName = json.get("reminders").findParents("id").stream()
                .filter(m -> m.get("id").asText().equals("openfga.store-name")).findFirst().orElseThrow();
        assertEquals(t.storeName, storeName.at("/subjects/0").asText(), "the reminder names the store the application must use");

        String report = Files.readString(html);
        assertTrue(report.contains("PASS — the Target matches the bundle"));
        assertFalse(report.contains("Rapport annuel"), "object keys (file names) never reach the report");
        assertFalse(report.contains(t.target.s3().secretKey()), "no secret in the report");
        assertFalse(report.contains(t.database.jdbcUrl()), "no store address either");
        assertFalse(report.contains(t.sample.carol.username()), "people are counted, not named, in the management report");
    }

    @Test
    void aChangedRowFailsNamingTheTableRowAndColumn(Stores stores, @TempDir Path dir) throws Exception {
        TargetFixture t = loadedTarget(stores, dir);
        try (Connection c = DriverManager.getConnection(t.database.jdbcUrl(), t.database.user(), t.database.password());
                Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE resource SET resource_name = 'Prompt 1' WHERE resource_id = 'r1-" + t.sample.suffix + "'"));
        }

        LoadRun run = t.validate();

        assertEquals(5, run.exitCode(), run.all());
        assertTrue(run.out().contains("FAIL   postgres"), run.out());
        assertTrue(run.out().contains("row resource(resource_id='r1-" + t.sample.suffix + "') differs in column(s): resource_name"), run.out());
        assertTrue(run.err().contains("validation checks found differences"), run.err());
    }

    @Test
    void aRemovedTupleFailsNamingTheTuple(Stores stores, @TempDir Path dir) throws Exception {
        TargetFixture t = loadedTarget(stores, dir);
        OpenFgaClient fga = new OpenFgaClient(new ClientConfiguration().apiUrl(t.target.openfga().apiUrl()));
        String storeId = fga.listStores(new ClientListStoresOptions().name(t.storeName).pageSize(100)).get().getStores().stream()
                .filter(s -> s.getName().equals(t.storeName)).findFirst().orElseThrow().getId();
        fga.setStoreId(storeId);
        fga.deleteTuples(List.of(new ClientTupleKeyWithoutCondition().user("team:" + t.sample.teamB).relation("owner")
                ._object("tag:t1-" + t.sample.suffix))).get();

        LoadRun run = t.validate();

        assertEquals(5, run.exitCode(), run.all());
        assertTrue(run.out().contains("tuple tag:t1-" + t.sample.suffix + "#owner@team:" + t.sample.teamB
                + " is in the bundle but missing on the Target"), run.out());
    }

    @Test
    void aRemovedMembershipFailsNamingTheUserAndGroup(Stores stores, @TempDir Path dir) throws Exception {
        TargetFixture t = loadedTarget(stores, dir);
        var kc = t.target.keycloak();
        try (Keycloak admin = Keycloak.getInstance(kc.url(), "master", kc.adminUser(), kc.adminPassword(), "admin-cli")) {
            admin.realm(t.sample.realm).users().get(t.sample.bob.id()).leaveGroup(t.sample.teamB);
        }

        LoadRun run = t.validate();

        assertEquals(5, run.exitCode(), run.all());
        assertTrue(run.out().contains("user " + t.sample.bob.id() + " is a member of group " + t.sample.teamB
                + " (/team-b) in the bundle but not on the Target"), run.out());
    }

    @Test
    void aChangedObjectByteFailsNamingTheObjectButNotItsKey(Stores stores, @TempDir Path dir) throws Exception {
        TargetFixture t = loadedTarget(stores, dir);
        var s3 = t.target.s3();
        MinioClient minio = MinioClient.builder().endpoint(s3.endpoint()).credentials(s3.accessKey(), s3.secretKey()).build();
        String bucket = t.documentsBucket;
        String key = KeaSample.documentUid(0) + "/output/output.md";
        byte[] bytes;
        try (InputStream in = minio.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            bytes = in.readAllBytes();
        }
        bytes[bytes.length / 2] ^= 1;
        minio.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .contentType("text/markdown").build());

        LoadRun run = t.validate("--json");

        assertEquals(5, run.exitCode(), run.all());
        JsonNode objects = new ObjectMapper().readTree(run.out()).get("checks").findParents("id").stream()
                .filter(c -> c.get("id").asText().equals("objects.content")).findFirst().orElseThrow();
        assertEquals("FAIL", objects.get("status").asText());
        assertEquals(1, objects.get("differences").size(), objects.toString());
        String difference = objects.get("differences").get(0).asText();
        assertTrue(difference.matches("object objects/1/\\d{6} in bucket " + bucket + ": SHA-256 differs \\(bundle [0-9a-f]{64}, Target [0-9a-f]{64}\\)"),
                difference);
        assertFalse(run.all().contains("output.md"), "the key is never printed");
    }
}
