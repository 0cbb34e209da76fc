package dev.ferry.importer.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void aFullBundleHasNoBase() {
        assertTrue(BaseLoad.of(manifest(1, null), state).isEmpty());
    }
}
