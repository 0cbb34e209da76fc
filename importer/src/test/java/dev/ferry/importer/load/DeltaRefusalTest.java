package dev.ferry.importer.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Until the load applies deltas, a delta is refused before anything is read from the Target or written to it. */
class DeltaRefusalTest {
    private static Manifest manifest(int version, String base) {
        return new Manifest(version, "0123456789abcdef0123456789abcdef", Instant.EPOCH, "0.1.0", "t", List.of(), Map.of(), Map.of(), base);
    }

    @Test
    void aDeltaIsRefusedNamingItsBase() {
        ConfigException e = assertThrows(ConfigException.class, () -> LoadRunner.refuseDelta(manifest(2, "fedcba9876543210fedcba9876543210")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.problem().contains("is a delta of bundle fedcba9876543210fedcba9876543210"), e.problem());
    }

    @Test
    void aFullBundlePasses() {
        assertDoesNotThrow(() -> LoadRunner.refuseDelta(manifest(1, null)));
    }
}
