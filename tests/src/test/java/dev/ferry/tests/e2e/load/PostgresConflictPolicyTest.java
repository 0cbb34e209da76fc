package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.KeaSample;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.SampleBundle;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * postgres.conflicts against a Target whose deployment seeded its own catalog agents (the expected case): the
 * Target holds "Tessa" (Target-only) and its own version of "Rico" (an id the bundle also carries). Without a policy
 * the load is refused (exit 5) and nothing changes; {@code skip} keeps the Target's Rico and adds the bundle's other
 * agents; {@code overwrite} replaces Rico with the bundle's. Either way every id is present once.
 */
@ExtendWith(StoresExtension.class)
class PostgresConflictPolicyTest {
    private static final String TARGET_RICO = "{\"id\": \"Rico\", \"seededBy\": \"target\"}";
    private static final String BUNDLE_RICO = "{\"id\": \"Rico\", \"type\": \"agent\"}";

    @TempDir
    Path dir;

    @Test
    void aSeededAgentTableIsRefusedThenSkippedOrOverwrittenAsThePolicySays(Stores stores) throws Exception {
        KeaSample s = new KeaSample(0, 10);
        SampleBundle.Keys keys = SampleBundle.Keys.generate(dir, "k");
        Path bundle = dir.resolve("kea.ferry");
        SampleBundle.Sealed sealed = SampleBundle.seal(stores, s, new SampleBundle.Size(10, 0, 0), keys, bundle);
        TargetFixture t = new TargetFixture(stores, s, keys, bundle, dir);
        long bundleAgents = sealed.rows().get("agent");

        try (TargetProbe probe = new TargetProbe(t)) {
            seedTargetAgents(probe);
            Map<String, String> seeded = agents(t);

            // No policy: refused before anything is written, with the table and the key to set.
            LoadRun refused = t.load("--stores", "postgres");
            assertEquals(5, refused.exitCode(), refused.all());
            assertTrue(refused.err().contains("agent holds 2 row(s)") && refused.err().contains("postgres.conflicts"), refused.err());
            assertEquals(seeded, agents(t), "the agent table is unchanged");
            for (String table : SampleBundle.TABLES) {
                if (!table.equals("agent")) {
                    assertEquals(0, probe.rows(table), table + " was not written: the refusal comes before any write");
                }
            }

            // skip: the Target's Rico and Tessa stay as they are; the bundle's other agents are added once.
            setPolicy(t, "skip", "state-skip");
            LoadRun skip = t.load("--stores", "postgres");
            assertEquals(0, skip.exitCode(), skip.all());
            Map<String, String> afterSkip = agents(t);
            assertEquals(bundleAgents + 1, afterSkip.size(), "the bundle's agents plus Tessa, Rico once: " + afterSkip);
            assertEquals(TARGET_RICO, afterSkip.get("Rico"), "skip keeps the Target's row");
            assertEquals(seeded.get("Tessa"), afterSkip.get("Tessa"));
            assertOtherTablesLoaded(probe, sealed);

            LoadRun again = t.load("--stores", "postgres");
            assertEquals(0, again.exitCode(), again.all());
            assertTrue(again.out().contains("already loaded"), again.out());
            assertEquals(afterSkip, agents(t), "a re-run under skip changes nothing");

            // overwrite, on the same seeded Target from scratch: the bundle's Rico wins, Tessa stays.
            probe.sql("TRUNCATE " + String.join(", ", SampleBundle.TABLES) + " CASCADE");
            seedTargetAgents(probe);
            setPolicy(t, "overwrite", "state-overwrite");
            LoadRun overwrite = t.load("--stores", "postgres");
            assertEquals(0, overwrite.exitCode(), overwrite.all());
            Map<String, String> afterOverwrite = agents(t);
            assertEquals(bundleAgents + 1, afterOverwrite.size(), "the bundle's agents plus Tessa, Rico once: " + afterOverwrite);
            assertEquals(BUNDLE_RICO, afterOverwrite.get("Rico"), "overwrite replaces the Target's row with the bundle's");
            assertEquals(seeded.get("Tessa"), afterOverwrite.get("Tessa"), "a Target-only row is kept");
            assertOtherTablesLoaded(probe, sealed);
        }
    }

    private static void seedTargetAgents(TargetProbe probe) throws Exception {
        probe.sql("INSERT INTO agent (id, name, payload_json) VALUES ('Tessa', 'Tessa', '{\"id\": \"Tessa\"}'),"
                + " ('Rico', 'Rico', '" + TARGET_RICO + "')");
    }

    /** Points target.yaml at a fresh state dir (a new load, not a resume) with the given policy for table agent. */
    private static void setPolicy(TargetFixture t, String policy, String stateDir) throws Exception {
        String yaml = Files.readString(t.config).replaceAll("(?m)^stateDir: .*$", "stateDir: " + t.stateDir.resolveSibling(stateDir))
                .replaceAll("(?m)^  conflicts:\\n    agent: .*\\n", "");
        Files.writeString(t.config, yaml.replace("keycloak:\n", "  conflicts:\n    agent: " + policy + "\nkeycloak:\n"));
    }

    private static void assertOtherTablesLoaded(TargetProbe probe, SampleBundle.Sealed sealed) throws Exception {
        for (Map.Entry<String, Long> e : sealed.rows().entrySet()) {
            if (!e.getKey().equals("agent")) {
                assertEquals(e.getValue(), probe.rows(e.getKey()), "rows of " + e.getKey());
            }
        }
    }

    /** id → payload_json::text of every agent row; a duplicated id would show as fewer map entries than rows. */
    private static Map<String, String> agents(TargetFixture t) throws Exception {
        Map<String, String> out = new TreeMap<>();
        long rows = 0;
        try (Connection c = DriverManager.getConnection(t.database.jdbcUrl(), t.database.user(), t.database.password());
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, payload_json::text FROM agent")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
                rows++;
            }
        }
        assertEquals(rows, out.size(), "no agent id twice");
        return out;
    }
}
