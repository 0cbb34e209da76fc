package dev.ferry.tests.e2e.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.TupleRecord;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.PostgresEndpoint;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.ferry.tests.upgrade.UpgradeFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chapter 2's two promises beyond the transform itself, against real servers: kea is only ever read (its database,
 * OpenFGA store and buckets are the same after an upgrade and a validate as before), and each check of {@code upgrade
 * validate} catches the difference in swift it guards (a missing row, an agent's team or template, a personal team
 * whose sub is no user, one tuple too many, an object whose bytes differ), naming it and refusing the cutover.
 */
@ExtendWith(StoresExtension.class)
class UpgradeValidationTest {
    private static final String TEAM_AGENT = "2c9e7f14-5b3a-4d61-8f02-a7e6c1d9b835";
    private static final String PERSONAL_AGENT = "91d0b6a2-3e7c-4f19-b8a5-6c2e0d4f7a13";
    private static final String TEAM = "6a1f3c2e-7d44-4b0a-9e15-c8b2d4f6a301";
    private static final String BANNER = "teams/" + TEAM + "/banner-7c1e9a3b5d2f4e6a8b0c1d3e5f7a9b2c.png";

    @TempDir
    Path dir;

    @Test
    void keaIsOnlyRead(Stores stores) throws Exception {
        try (UpgradeFixture f = new UpgradeFixture(stores, "worked-example", "ro" + System.nanoTime() % 100000, dir)) {
            Map<String, Object> before = kea(f);
            LoadRun up = run("upgrade", "--config", f.config.toString());
            assertEquals(0, up.exitCode(), up.all());
            LoadRun v = run("upgrade", "validate", "--config", f.config.toString());
            assertEquals(0, v.exitCode(), v.all());
            assertEquals(before, kea(f), "kea's rows, tuples and objects are exactly as before the upgrade and the validate");
        }
    }

    @Test
    void eachCheckCatchesTheDifferenceItGuards(Stores stores) throws Exception {
        try (UpgradeFixture f = new UpgradeFixture(stores, "worked-example", "chk" + System.nanoTime() % 100000, dir)) {
            LoadRun up = run("upgrade", "--config", f.config.toString());
            assertEquals(0, up.exitCode(), up.all());
            UpgradeConfig cfg = UpgradeConfig.load(f.config);
            try (Connection c = connect(f.swiftDb); Statement s = c.createStatement()) {
                s.execute("DELETE FROM metadata");
                s.execute("DELETE FROM teammetadata WHERE id = '" + TEAM + "'");
                s.execute("UPDATE agent_instance SET template_id = 'elsewhere:unknown' WHERE agent_instance_id = '" + TEAM_AGENT + "'");
                s.execute("UPDATE agent_instance SET team_id = 'personal-00000000-0000-4000-8000-000000000000' WHERE agent_instance_id = '"
                        + PERSONAL_AGENT + "'");
            }
            OpenFgaStoreClient swift = OpenFgaStoreClient.connect(cfg.swift().openfga());
            assertTrue(swift.write(List.of(new TupleRecord("user:00000000-0000-4000-8000-000000000001", "team_member", "team:" + TEAM, null, null)),
                    swift.models().get(0).path("id").asText()), "swift's model takes the extra tuple");
            ObjectStoreClient s3 = new ObjectStoreClient(cfg.objects().connection());
            byte[] other = "not the banner".getBytes(StandardCharsets.UTF_8);
            s3.put("control-plane-content-objects-" + f.suffix, BANNER, new ByteArrayInputStream(other), other.length, "image/png", Map.of());

            LoadRun v = run("upgrade", "validate", "--config", f.config.toString());
            assertEquals(5, v.exitCode(), "a failed check refuses the cutover:\n" + v.all());
            Set<String> failed = v.out().lines().filter(l -> l.startsWith("FAIL  ")).map(l -> l.substring(6, l.indexOf(':'))).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(Set.of("Row counts per table", "Every agent instance's team exists", "Every agent instance's template is mapped",
                    "Personal agents belong to personal-<sub> of a Keycloak user", "swift tuples = mapped kea tuples + synthesised memberships",
                    "Every object is in its swift bucket with the same SHA-256")), failed, v.out());
            assertTrue(v.out().contains("PASS  No GAP agent"), v.out());
            assertTrue(v.out().contains("metadata: 0 row(s) in swift, the transform writes 1"), v.out());
            assertTrue(v.out().contains("agent_instance " + TEAM_AGENT + ": team " + TEAM + " has no teammetadata row"), v.out());
            assertTrue(v.out().contains("template elsewhere:unknown is not in the template mapping"), v.out());
            assertTrue(v.out().contains("personal-00000000-0000-4000-8000-000000000000: 00000000-0000-4000-8000-000000000000 is not a user"), v.out());
            assertTrue(v.out().contains("an object of kea-control-plane-content-objects-" + f.suffix + " differs (SHA-256)"), v.out());
            assertTrue(!v.out().contains(BANNER) && !v.err().contains(BANNER), "an object is named by its bucket, never by its key");
        }
    }

    /** kea as it stands: every table's rows (as text, sorted), the tuple set, and every object's SHA-256. */
    private static Map<String, Object> kea(UpgradeFixture f) throws Exception {
        Map<String, Object> out = new TreeMap<>();
        try (Connection c = connect(f.keaDb); Statement s = c.createStatement()) {
            for (String table : List.of("tag", "metadata", "resource", "teammetadata", "users", "agent")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + table + " t")) {
                    rs.next();
                    out.put(table, rs.getLong(1) + " " + rs.getString(2));
                }
            }
        }
        UpgradeConfig cfg = UpgradeConfig.load(f.config);
        Set<String> tuples = new TreeSet<>();
        OpenFgaStoreClient.connect(cfg.kea().openfga()).forEachTuple(t -> tuples.add(t.user() + " " + t.relation() + " " + t.object()));
        out.put("tuples", tuples);
        ObjectStoreClient s3 = new ObjectStoreClient(cfg.objects().connection());
        Map<String, String> objects = new TreeMap<>();
        for (String bucket : f.keaBuckets.values()) {
            s3.list(bucket, o -> objects.put(bucket + "/" + o.key(), s3.sha256(bucket, o.key())));
        }
        out.put("objects", objects);
        assertTrue(!tuples.isEmpty() && !objects.isEmpty(), "the fixture's kea has tuples and objects");
        return out;
    }

    private static Connection connect(PostgresEndpoint db) throws Exception {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static LoadRun run(String... args) {
        return TargetFixture.runInProcess(List.of(args));
    }
}
