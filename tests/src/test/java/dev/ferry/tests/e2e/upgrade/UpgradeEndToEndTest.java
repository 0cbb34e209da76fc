package dev.ferry.tests.e2e.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.importer.upgrade.config.UpgradeConfig;
import dev.ferry.stores.objects.ObjectStoreClient;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import dev.ferry.tests.upgrade.UpgradeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chapter 2 end to end against real servers: kea seeded from the swift fixtures on a Target-shaped set of stores,
 * swift's schema and model in place, then {@code ferry-import upgrade} and {@code upgrade validate} through the CLI.
 * The swift side is compared with the fixture's hand-derived expectation (tuples, rows), not with the code's output.
 */
@ExtendWith(StoresExtension.class)
class UpgradeEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void rehearsalFixtureUpgradesValidatesAndReRunsUnchanged(Stores stores) throws Exception {
        try (UpgradeFixture f = new UpgradeFixture(stores, "rehearsal", "reh" + System.nanoTime() % 100000, dir)) {
        try (Connection c = DriverManager.getConnection(f.keaDb.jdbcUrl(), f.keaDb.user(), f.keaDb.password()); Statement s = c.createStatement()) {
            s.execute("UPDATE agent SET name = '<script>alert(\"kea\")</script> & co' || chr(10) WHERE id = 'a3e5c7b9-1d2f-4a6b-8c0d-e2f4a6b8c0d1'");
        }
        LoadRun plan = run("upgrade", "plan", "--config", f.config.toString());
        assertEquals(0, plan.exitCode(), plan.all());
        assertTrue(plan.out().contains("GAP a3e5c7b9-1d2f-4a6b-8c0d-e2f4a6b8c0d1"), "the plan lists the GAP:\n" + plan.out());
        assertTrue(plan.out().contains("8c3f5e4a-9f66-4d2c-9a37-eab4f6b8c523"), "the private team needs a person:\n" + plan.out());
        assertEquals(0, count(f, "SELECT count(*) FROM agent_instance"), "a plan writes nothing");

        Path runReport = dir.resolve("run-report.html");
        LoadRun up = run("upgrade", "--config", f.config.toString(), "--report", runReport.toString());
        assertEquals(0, up.exitCode(), up.all());
        assertSwiftMatchesFixture(f, "rehearsal");
        String r = Files.readString(runReport);
        assertReportSections(r);
        assertTrue(r.contains("NOT ready for the ingress switch"), "a GAP blocks the cutover, from the plan on:\n" + r);
        assertTrue(r.contains("Not run yet"), "validation has not run yet");
        // agent_instance: 10 kea agents = 4 mapped + 1 ignored sample + 1 GAP + 4 dropped (2 catalog, the seed row, a leader).
        assertTrue(r.contains("<td class=\"mono\">agent_instance</td><td class=\"num\">10</td><td class=\"num\">4</td><td class=\"num\">1</td>"
                + "<td class=\"num\">1</td><td>4 ("), "agent_instance's counts:\n" + r);
        assertTrue(r.contains("7 object(s) in their swift buckets"), "the fixture's 7 objects are copied:\n" + r);

        Path report = dir.resolve("report.html");
        LoadRun v = run("upgrade", "validate", "--config", f.config.toString(), "--report", report.toString());
        assertEquals(5, v.exitCode(), "a GAP blocks the cutover:\n" + v.all());
        assertEquals(List.of("FAIL  No GAP agent: 1 finding(s)"), v.out().lines().filter(l -> l.startsWith("FAIL")).toList(),
                "every other check passes; only the GAP blocks:\n" + v.out());
        assertTrue(v.out().contains("a3e5c7b9-1d2f-4a6b-8c0d-e2f4a6b8c0d1"), v.out());
        String vr = Files.readString(report);
        assertReportSections(vr);
        assertTrue(vr.contains("NOT ready for the ingress switch"), "the report says so");
        assertTrue(vr.contains("Last run finished"), "validate's report carries the run recorded in the journal:\n" + vr);
        assertTrue(vr.contains("7 object(s) in their swift buckets"), vr);
        assertEquals(1, vr.split("<td class=\"FAIL\">FAIL</td>", -1).length - 1, "one failed check (the GAP):\n" + vr);
        assertTrue(vr.contains("<td class=\"PASS\">PASS</td>"), vr);

        List<String> before = snapshot(f);
        LoadRun again = run("upgrade", "--config", f.config.toString());
        assertEquals(0, again.exitCode(), again.all());
        for (String line : again.out().lines().filter(l -> l.matches("^(teammetadata|users|tag|metadata|resource|prompt|agent_instance)\\s.*")).toList()) {
            String[] cols = line.trim().split("\\s+");
            assertEquals("0", cols[3], "a re-run changes no row: " + line);
        }
        assertEquals(before, snapshot(f), "a re-run leaves swift identical");
        }
    }

    /** The report reads plan → run → validation → decision, and a hostile agent name is shown as text, never as markup. */
    private static void assertReportSections(String r) {
        int plan = r.indexOf("<h2>1. Plan</h2>");
        int run = r.indexOf("<h2>2. Run</h2>");
        int validation = r.indexOf("<h2>3. Validation</h2>");
        int decision = r.indexOf("<h2>4. Decision</h2>");
        assertTrue(plan > 0 && plan < run && run < validation && validation < decision, r);
        assertTrue(r.indexOf("a3e5c7b9-1d2f-4a6b-8c0d-e2f4a6b8c0d1", plan) < run, "the GAP is listed in the plan");
        assertTrue(r.contains("&lt;script&gt;alert(&quot;kea&quot;)&lt;/script&gt; &amp; co\\n"), "the hostile name is escaped:\n" + r);
        assertFalse(r.contains("<script"), "no markup from a store");
        int person = r.indexOf("<h3>Needs a person</h3>");
        assertTrue(person > plan && r.indexOf("8c3f5e4a-9f66-4d2c-9a37-eab4f6b8c523", person) > person, "the private team needs a person:\n" + r);
        assertTrue(r.contains("<h3>Timings</h3>"), r);
    }

    @Test
    void workedExampleValidatesClean(Stores stores) throws Exception {
        try (UpgradeFixture f = new UpgradeFixture(stores, "worked-example", "wex" + System.nanoTime() % 100000, dir)) {
        LoadRun up = run("upgrade", "--config", f.config.toString());
        assertEquals(0, up.exitCode(), up.all());
        assertSwiftMatchesFixture(f, "worked-example");
        LoadRun v = run("upgrade", "validate", "--config", f.config.toString());
        assertEquals(0, v.exitCode(), v.all());
        assertTrue(v.out().contains("swift passes validation"), v.out());
        }
    }

    @Test
    void wrongSwiftSchemaIsRefusedWithTheDiff(Stores stores) throws Exception {
        try (UpgradeFixture f = new UpgradeFixture(stores, "worked-example", "bad" + System.nanoTime() % 100000, dir)) {
        try (Connection c = DriverManager.getConnection(f.swiftDb.jdbcUrl(), f.swiftDb.user(), f.swiftDb.password()); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE agent_instance DROP COLUMN tuning_json");
            s.execute("DROP TABLE prompt");
        }
        LoadRun up = run("upgrade", "--config", f.config.toString());
        assertEquals(5, up.exitCode(), up.all());
        assertTrue(up.err().contains("agent_instance.tuning_json: missing in the swift database"), up.err());
        assertTrue(up.err().contains("table prompt does not exist in the swift database"), up.err());
        assertEquals(0, count(f, "SELECT count(*) FROM teammetadata"), "nothing written");
        }
    }

    /**
     * What the upgrade refuses before it writes anything: a swift database or OpenFGA store that is kea's (the config
     * names them separately, and kea is never written), and a swift store without swift's model (swift writes it at
     * start-up; the upgrade adopts the store and writes against its latest model, never a model of its own).
     */
    @Test
    void keaAsSwiftAndASwiftStoreWithoutModelAreRefusedBeforeAnyWrite(Stores stores) throws Exception {
        try (UpgradeFixture f = new UpgradeFixture(stores, "worked-example", "ref" + System.nanoTime() % 100000, dir)) {
            String yaml = Files.readString(f.config);
            String swiftUrl = "    url: " + f.swiftDb.jdbcUrl() + "\n";
            assertTrue(yaml.contains(swiftUrl), yaml);

            Path sameDb = Files.writeString(dir.resolve("same-db.yaml"), yaml.replace(swiftUrl, "    url: " + f.keaDb.jdbcUrl() + "\n"));
            LoadRun db = run("upgrade", "--config", sameDb.toString());
            assertEquals(2, db.exitCode(), db.all());
            assertTrue(db.err().contains("swift.postgres.url") && db.err().contains("is kea's database too"), db.err());

            Path sameStore = Files.writeString(dir.resolve("same-store.yaml"), yaml.replace("name: " + f.swiftStore + "\n", "name: " + f.keaStore + "\n"));
            LoadRun store = run("upgrade", "--config", sameStore.toString());
            assertEquals(2, store.exitCode(), store.all());
            assertTrue(store.err().contains("swift.openfga.store") && store.err().contains("names kea's store"), store.err());

            assertTrue(yaml.contains("  secretKey: ${file:"), yaml);
            Path tooMany = Files.writeString(dir.resolve("too-many.yaml"), yaml.replaceFirst("(\\n  secretKey: [^\\n]*\\n)", "$1  concurrency: 64\n"));
            LoadRun copies = run("upgrade", "--config", tooMany.toString());
            assertEquals(2, copies.exitCode(), copies.all());
            assertTrue(copies.err().contains("objects.concurrency") && copies.err().contains("must be between 1 and 16"), copies.err());

            String empty = "nomodel-" + f.suffix;
            OpenFgaStoreClient c = OpenFgaStoreClient.unbound(new dev.ferry.stores.config.OpenFgaConfig(f.target.openfga().apiUrl(),
                    new dev.ferry.stores.config.OpenFgaConfig.StoreRef(null, empty), null));
            c.useStore(c.createStore(empty), empty);
            Path noModel = Files.writeString(dir.resolve("no-model.yaml"), yaml.replace("name: " + f.swiftStore + "\n", "name: " + empty + "\n"));
            LoadRun model = run("upgrade", "--config", noModel.toString());
            assertEquals(4, model.exitCode(), model.all());
            assertTrue(model.err().contains("has no authorization model") && model.err().contains("start swift once"), model.err());

            assertEquals(0, count(f, "SELECT count(*) FROM teammetadata") + count(f, "SELECT count(*) FROM agent_instance"), "nothing written to swift");
            assertEquals(Set.of(), swiftTuples(f), "no tuple written to swift's store");
        }
    }

    private void assertSwiftMatchesFixture(UpgradeFixture f, String fixture) throws Exception {
        Set<String> expectedTuples = new TreeSet<>();
        for (JsonNode t : UpgradeFixture.json("/swift/" + fixture + "/swift/tuples.json")) {
            expectedTuples.add(t.path("user").asText() + " " + t.path("relation").asText() + " " + t.path("object").asText());
        }
        assertEquals(expectedTuples, swiftTuples(f), "swift's tuples are the fixture's");
        for (String table : List.of("teammetadata", "agent_instance", "tag", "metadata", "resource", "users", "prompt")) {
            String[] lines = UpgradeFixture.text("/swift/" + fixture + "/swift/" + table + ".jsonl").lines().filter(l -> !l.isBlank()).toArray(String[]::new);
            assertEquals(lines.length, count(f, "SELECT count(*) FROM " + table), "rows of " + table);
        }
        for (JsonNode row : lines("/swift/" + fixture + "/swift/agent_instance.jsonl")) {
            String id = row.path("agent_instance_id").asText();
            assertEquals(row.path("team_id").asText(), text(f, "SELECT team_id FROM agent_instance WHERE agent_instance_id = '" + id + "'"));
            assertEquals(row.path("template_id").asText(), text(f, "SELECT template_id FROM agent_instance WHERE agent_instance_id = '" + id + "'"));
        }
        for (JsonNode row : lines("/swift/" + fixture + "/swift/teammetadata.jsonl")) {
            assertEquals(row.path("name").asText(), text(f, "SELECT name FROM teammetadata WHERE id = '" + row.path("id").asText() + "'"));
        }
        assertEquals(0, count(f, "SELECT count(*) FROM default_prompt_usage"), "default_prompt_usage starts empty");
        UpgradeConfig cfg = UpgradeConfig.load(f.config);
        ObjectStoreClient s3 = new ObjectStoreClient(cfg.objects().connection());
        for (JsonNode o : UpgradeFixture.json("/swift/" + fixture + "/swift/objects.json")) {
            String bucket = o.path("bucket").asText() + "-" + f.suffix;
            assertEquals(UpgradeFixture.content(o.path("key").asText()).length, s3.size(bucket, o.path("key").asText()).orElse(-1), bucket);
        }
    }

    private static List<JsonNode> lines(String resource) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String l : UpgradeFixture.text(resource).split("\n")) {
            if (!l.isBlank()) {
                out.add(m.readTree(l));
            }
        }
        return out;
    }

    private Set<String> swiftTuples(UpgradeFixture f) {
        OpenFgaStoreClient c = OpenFgaStoreClient.connect(UpgradeConfig.load(f.config).swift().openfga());
        Set<String> out = new TreeSet<>();
        c.forEachTuple(t -> out.add(t.user() + " " + t.relation() + " " + t.object()));
        return out;
    }

    private List<String> snapshot(UpgradeFixture f) throws Exception {
        List<String> out = new java.util.ArrayList<>(swiftTuples(f));
        for (String table : List.of("teammetadata", "agent_instance", "tag", "metadata", "resource", "users", "prompt")) {
            out.add(table + ":" + text(f, "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + table + " t"));
        }
        return out;
    }

    private static long count(UpgradeFixture f, String sql) throws Exception {
        return Long.parseLong(text(f, sql));
    }

    private static String text(UpgradeFixture f, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(f.swiftDb.jdbcUrl(), f.swiftDb.user(), f.swiftDb.password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static LoadRun run(String... args) {
        return TargetFixture.runInProcess(List.of(args));
    }
}
