package dev.ferry.importer.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import dev.ferry.importer.journal.Journal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delta is loaded only onto a Target whose state dir holds the completed load of its base. */
class BaseLoadTest {
    private static final String BASE = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path state;

    private static Manifest manifest(int version, String base) {
        return new Manifest(version, "0123456789abcdef0123456789abcdef", Instant.EPOCH, "0.1.0", "t", List.of(), Map.of(), Map.of(), base);
    }

    @Test
    void aDeltaWhoseBaseWasNeverLoadedIsRefusedNamingTheBase() {
        ConfigException e = assertThrows(ConfigException.class, () -> BaseLoad.of(manifest(2, BASE), state));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.problem().contains("is a delta of bundle " + BASE + ", which was never loaded"), e.problem());
        assertTrue(e.fix().contains("load bundle " + BASE + " first"), e.fix());
    }

    @Test
    void aDeltaWhoseBaseLoadDidNotFinishIsRefused() {
        try (Journal j = Journal.open(state, BASE)) {
            j.done("load.postgres", Map.of());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> BaseLoad.of(manifest(2, BASE), state));
        assertTrue(e.problem().contains("did not finish"), e.problem());
    }

    @Test
    void aDeltaWhoseBaseLoadCompletedGetsItsJournal() {
        try (Journal j = Journal.open(state, BASE)) {
            j.done("postgres.agent", Map.of("targetFingerprint", "abc"));
            j.markComplete();
        }
        BaseLoad base = BaseLoad.of(manifest(2, BASE), state).orElseThrow();
        assertEquals(BASE, base.bundleId());
        assertEquals("abc", base.step("postgres.agent").get("targetFingerprint"));
    }

    @Test
    void aFullBundleOnAnUnloadedTargetHasNoBase() {
        assertTrue(BaseLoad.of(manifest(1, null), state).isEmpty());
    }

    @Test
    void aFullBundleOverEarlierLoadsBuildsOnTheLatestCompletedOne() throws Exception {
        String older = "11111111111111111111111111111111";
        try (Journal j = Journal.open(state, older)) {
            j.done("postgres.agent", Map.of("targetFingerprint", "old"));
            j.markComplete();
        }
        Thread.sleep(5);
        try (Journal j = Journal.open(state, BASE)) {
            j.done("postgres.agent", Map.of("targetFingerprint", "newer"));
            j.markComplete();
        }
        // This bundle's own journal (a resumed load) is not an earlier load.
        try (Journal j = Journal.open(state, "0123456789abcdef0123456789abcdef")) {
            j.started("load.postgres", Map.of());
        }
        BaseLoad base = BaseLoad.of(manifest(1, null), state).orElseThrow();
        assertEquals(BASE, base.bundleId());
        assertFalse(base.forDelta());
        assertEquals("newer", base.step("postgres.agent").get("targetFingerprint"));
    }

    @Test
    void aFullBundleOverAnUnfinishedLoadOfAnotherBundleIsRefused() {
        try (Journal j = Journal.open(state, BASE)) {
            j.started("load.postgres", Map.of());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> BaseLoad.of(manifest(1, null), state));
        assertTrue(e.problem().contains("the load of bundle " + BASE + " into this Target did not finish"), e.problem());
        assertTrue(e.fix().contains("--resume"), e.fix());
    }
}
