package dev.ferry.tests.e2e.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.tests.e2e.fixture.BundlesExtension;
import dev.ferry.tests.e2e.fixture.DatabaseProbe;
import dev.ferry.tests.e2e.fixture.ExportedBundle;
import dev.ferry.tests.e2e.fixture.ExportedBundles;
import dev.ferry.tests.e2e.fixture.LoadRun;
import dev.ferry.tests.e2e.fixture.Shapes;
import dev.ferry.tests.e2e.fixture.TargetFixture;
import dev.ferry.tests.generator.KeaDataset;
import dev.ferry.tests.harness.Stores;
import dev.ferry.tests.harness.StoresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * postgres.conflicts against a Target whose deployment seeded its own catalog agents (the expected case): the
 * Target holds "Ulysse" (Target-only) and its own version of "Rico", a catalog agent the Source holds too and so the
 * bundle ferry-export wrote carries (with the Source's payload). Without a policy
 * the load is refused (exit 5) and nothing changes; {@code skip} keeps the Target's Rico and adds the bundle's other
 * agents; {@code overwrite} replaces Rico with the bundle's. Either way every id is present once, and validate passes
 * with the merge's counts, but fails naming the key once a bundle row is deleted or altered on the Target.
 */
@ExtendWith({StoresExtension.class, BundlesExtension.class})
class PostgresConflictPolicyTest {
    private static final String TARGET_RICO = "{\"id\": \"Rico\", \"seededBy\": \"target\"}";
    private static final String TARGET_ONLY = "Ulysse";

    @TempDir
    Path dir;

    @Test
    void aSeededAgentTableIsRefusedThenSkippedOrOverwrittenAsThePolicySays(Stores stores, ExportedBundles bundles) throws Exception {
        ExportedBundle bundle = bundles.of(stores, Shapes.KEA);
        DatabaseProbe source = bundle.source().database();
        TargetFixture t = new TargetFixture(stores, bundle, dir);
        Map<String, String> sourceAgents = source.textColumns("agent", "id", "payload_json");
        long bundleAgents = sourceAgents.size();
        String bundleRico = sourceAgents.get("Rico");
        assertTrue(bundleRico != null && !sourceAgents.containsKey(TARGET_ONLY), "the Source has Rico and no " + TARGET_ONLY + ": " + sourceAgents.keySet());

        try (TargetProbe probe = new TargetProbe(t)) {
            seedTargetAgents(probe);
            Map<String, String> seeded = agents(t);

            // No policy: refused before anything is written, with the table and the key to set.
            LoadRun refused = t.load("--stores", "postgres");
            assertEquals(5, refused.exitCode(), refused.all());
            assertTrue(refused.err().contains("agent holds 2 row(s)") && refused.err().contains("postgres.conflicts"), refused.err());
            assertEquals(seeded, agents(t), "the agent table is unchanged");
            for (String table : KeaDataset.CARRIED_TABLES) {
                if (!table.equals("agent")) {
                    assertEquals(0, probe.rows(table), table + " was not written: the refusal comes before any write");
                }
            }

            // skip: the Target's Rico and Ulysse stay as they are; the bundle's other agents are added once.
            setPolicy(t, "skip", "state-skip");
            LoadRun skip = t.load("--stores", "postgres");
            assertEquals(0, skip.exitCode(), skip.all());
            Map<String, String> afterSkip = agents(t);
            assertEquals(bundleAgents + 1, afterSkip.size(), "the bundle's agents plus " + TARGET_ONLY + ", Rico once: " + afterSkip);
            assertEquals(TARGET_RICO, afterSkip.get("Rico"), "skip keeps the Target's row");
            assertEquals(seeded.get(TARGET_ONLY), afterSkip.get(TARGET_ONLY));
            Map<String, String> expectedSkip = new HashMap<>(sourceAgents);
            expectedSkip.putAll(seeded);
            assertEquals(expectedSkip, afterSkip, "every other agent is the Source's");
            assertOtherTablesLoaded(probe, source);

            LoadRun again = t.load("--stores", "postgres");
            assertEquals(0, again.exitCode(), again.all());
            assertTrue(again.out().contains("already loaded"), again.out());
            assertEquals(afterSkip, agents(t), "a re-run under skip changes nothing");

            // validate proves what skip promises: every bundle id present, Rico kept, Ulysse allowed.
            LoadRun skipValid = validatePostgres(t);
            assertEquals(0, skipValid.exitCode(), skipValid.all());
            assertTrue(skipValid.out().contains("merged under postgres.conflicts skip: " + (bundleAgents + 1) + " rows = "
                    + (bundleAgents - 1) + " bundle rows identical + 1 kept from the Target under skip + 1 Target-only"), skipValid.out());

            // A bundle row gone from the Target fails, naming the table and the key.
            String victim = afterSkip.keySet().stream().filter(id -> !id.equals("Rico") && !id.equals(TARGET_ONLY)).findFirst().orElseThrow();
            probe.sql("DELETE FROM agent WHERE id = '" + victim + "'");
            LoadRun missing = validatePostgres(t);
            assertEquals(5, missing.exitCode(), missing.all());
            assertTrue(missing.out().contains("row agent(id='" + victim + "') is in the bundle but missing on the Target"), missing.out());

            // overwrite, on the same seeded Target from scratch: the bundle's Rico wins, Ulysse stays.
            probe.sql("TRUNCATE " + String.join(", ", KeaDataset.CARRIED_TABLES.stream().map(n -> "\"" + n + "\"").toList()) + " CASCADE");
            seedTargetAgents(probe);
            setPolicy(t, "overwrite", "state-overwrite");
            LoadRun overwrite = t.load("--stores", "postgres");
            assertEquals(0, overwrite.exitCode(), overwrite.all());
            Map<String, String> afterOverwrite = agents(t);
            assertEquals(bundleAgents + 1, afterOverwrite.size(), "the bundle's agents plus " + TARGET_ONLY + ", Rico once: " + afterOverwrite);
            assertEquals(bundleRico, afterOverwrite.get("Rico"), "overwrite replaces the Target's row with the bundle's");
            assertEquals(seeded.get(TARGET_ONLY), afterOverwrite.get(TARGET_ONLY), "a Target-only row is kept");
            Map<String, String> expectedOverwrite = new HashMap<>(sourceAgents);
            expectedOverwrite.put(TARGET_ONLY, seeded.get(TARGET_ONLY));
            assertEquals(expectedOverwrite, afterOverwrite, "every bundle agent is the Source's");
            assertOtherTablesLoaded(probe, source);

            // validate proves what overwrite promises: every bundle row identical, Ulysse allowed.
            LoadRun overwriteValid = validatePostgres(t);
            assertEquals(0, overwriteValid.exitCode(), overwriteValid.all());
            assertTrue(overwriteValid.out().contains("merged under postgres.conflicts overwrite: " + (bundleAgents + 1) + " rows = "
                    + bundleAgents + " bundle rows identical + 1 Target-only"), overwriteValid.out());

            // One bundle row altered on the Target after the load fails, naming the table, the key and the column.
            probe.sql("UPDATE agent SET name = 'tampered' WHERE id = 'Rico'");
            LoadRun altered = validatePostgres(t);
            assertEquals(5, altered.exitCode(), altered.all());
            assertTrue(altered.out().contains("row agent(id='Rico') differs in column(s): name although postgres.conflicts.agent is overwrite"),
                    altered.out());
        }
    }

    private static void seedTargetAgents(TargetProbe probe) throws Exception {
        probe.sql("INSERT INTO agent (id, name, payload_json) VALUES ('" + TARGET_ONLY + "', '" + TARGET_ONLY + "', '{\"id\": \""
                + TARGET_ONLY + "\"}'), ('Rico', 'Rico', '" + TARGET_RICO + "')");
    }

    /** Validates what this test loaded; the realm was never created, so this also proves Keycloak is not contacted. */
    private static LoadRun validatePostgres(TargetFixture t) {
        return t.validate("--stores", "postgres");
    }

    /** Points target.yaml at a fresh state dir (a new load, not a resume) with the given policy for table agent. */
    private static void setPolicy(TargetFixture t, String policy, String stateDir) throws Exception {
        String yaml = Files.readString(t.config).replaceAll("(?m)^stateDir: .*$", "stateDir: " + t.stateDir.resolveSibling(stateDir))
                .replaceAll("(?m)^  conflicts:\\n    agent: .*\\n", "");
        Files.writeString(t.config, yaml.replace("keycloak:\n", "  conflicts:\n    agent: " + policy + "\nkeycloak:\n"));
    }

    /** Every other carried table equals the Source's, row for row. */
    private static void assertOtherTablesLoaded(TargetProbe probe, DatabaseProbe source) throws Exception {
        for (String table : KeaDataset.CARRIED_TABLES) {
            if (!table.equals("agent")) {
                assertEquals(source.rows(table), probe.rows(table), "rows of " + table);
                assertEquals(source.fingerprint(table), probe.fingerprint(table), "content of " + table);
            }
        }
    }

    /** id → payload_json::text of every agent row; a duplicated id fails. */
    private static Map<String, String> agents(TargetFixture t) throws Exception {
        return new DatabaseProbe(t.database).textColumns("agent", "id", "payload_json");
    }
}
