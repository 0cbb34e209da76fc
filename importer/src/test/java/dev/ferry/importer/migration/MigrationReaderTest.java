package dev.ferry.importer.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.importer.journal.BundleRecord;
import dev.ferry.importer.journal.Journal;
import dev.ferry.importer.validate.ValidationRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration read back from a state dir as loads and validations leave it: the chain of passes and the decision. */
class MigrationReaderTest {
    private static final String FIRST = "a".repeat(32);
    private static final String FREEZE = "b".repeat(32);
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");

    @TempDir
    Path state;

    private void load(String id, String base, String guard, Map<String, String> postgres, boolean complete) {
        try (Journal j = Journal.open(state, id)) {
            Map<String, String> facts = new LinkedHashMap<>(new BundleRecord(id, base, T0, "kea", "PT1M", guard, null, 2, 1000,
                    Map.of("postgres", Map.of("rows", 10L))).details());
            facts.put(BundleRecord.LOAD_STARTED, Instant.now().toString());
            j.done(BundleRecord.STEP, facts);
            Map<String, String> details = new LinkedHashMap<>();
            postgres.forEach((k, v) -> details.put("count." + k, v));
            if (complete) {
                j.done("load.postgres", details);
                j.markComplete();
            }
        }
    }

    private void validated(String id, String verdict) {
        Instant now = Instant.now().plusSeconds(1);
        new ValidationRecord(id, verdict, now, now.plusSeconds(5), 10, verdict.equals("PASS") ? 10 : 9, false, List.of("postgres"),
                verdict.equals("PASS") ? List.of() : List.of("Row count of tag"), 0, 0).write(state);
    }

    private Migration read() {
        return new MigrationReader(Clock.fixed(T0, ZoneOffset.UTC)).read(state);
    }

    @Test
    void theFreezePassAfterTheFirstValidatedIsAGo() throws Exception {
        load(FIRST, null, "skipped (live pass)", Map.of("rows:tag", "10"), true);
        validated(FIRST, "PASS");
        Thread.sleep(5);
        load(FREEZE, FIRST, "checked", Map.of("rows:tag:added", "2", "rows:tag:changed", "1", "rows:tag:removed", "3", "rows:tag", "9"), true);
        validated(FREEZE, "PASS");
        // An upgrade's journal in the same state dir is no pass.
        try (Journal upgrade = Journal.open(state, "upgrade-0123456789abcdef")) {
            upgrade.done("upgrade.agents", Map.of());
        }
        Migration m = read();
        assertEquals(List.of(FIRST, FREEZE), m.passes().stream().map(Pass::bundleId).toList());
        assertEquals(new StoreChanges("postgres", true, 10, 0, 0), m.passes().get(0).stores().get(0), "a full load adds what it wrote");
        assertEquals(new StoreChanges("postgres", true, 2, 1, 3), m.passes().get(1).stores().get(0), "a delta adds, changes and removes");
        assertTrue(m.decision().go(), m.decision().reason());
    }

    @Test
    void anUnvalidatedOrFailedOrLiveLastPassIsANoGo() throws Exception {
        load(FIRST, null, "skipped (live pass)", Map.of("rows:tag", "10"), true);
        validated(FIRST, "PASS");
        assertFalse(read().decision().go(), "the first pass was live");
        assertTrue(read().decision().reason().contains("run --since " + FIRST), read().decision().reason());
        Thread.sleep(5);
        load(FREEZE, FIRST, "checked", Map.of(), false);
        assertTrue(read().decision().reason().contains("is not finished"), read().decision().reason());
        load(FREEZE, FIRST, "checked", Map.of("rows:tag:added", "1"), true);
        assertTrue(read().decision().reason().contains("was not validated"), read().decision().reason());
        validated(FREEZE, "FAIL");
        assertTrue(read().decision().reason().contains("did not pass: Row count of tag"), read().decision().reason());
    }
}
