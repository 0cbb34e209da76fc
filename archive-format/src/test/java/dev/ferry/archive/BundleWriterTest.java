package dev.ferry.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import dev.ferry.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's contract: atomic appearance, cleanup on failure, and refusal of misuse. */
class BundleWriterTest {
    @TempDir
    static Path keysDir;
    static TestKeys keys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() {
        keys = TestKeys.create(keysDir);
    }

    private SealingOptions options(long volume, int parallelism) {
        return new SealingOptions(List.of(keys.recipient()), keys.signing(), volume, "t", parallelism);
    }

    private long filesIn(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void nothingAppearsUntilFinishAndCloseWithoutFinishLeavesNothing() throws Exception {
        Path bundle = tmp.resolve("x.ferry");
        try (BundleWriter w = BundleWriter.create(bundle, options(1 << 20, 1))) {
            try (StoreWriter s = w.openStore("objects"); EntryOutputStream e = s.newEntry("objects/1/000001")) {
                e.write(new byte[1000]);
            }
            assertFalse(Files.exists(bundle));
            assertEquals(1, filesIn(tmp), "only the temporary sibling exists while sealing");
        }
        assertFalse(Files.exists(bundle));
        assertEquals(0, filesIn(tmp), "close() without finish() removed the temporary directory");
    }

    @Test
    void finishRenamesTheBundleIntoPlace() throws Exception {
        Path bundle = tmp.resolve("y.ferry");
        try (BundleWriter w = BundleWriter.create(bundle, options(1 << 20, 1))) {
            w.openStore("postgres").close();
            w.finish();
        }
        assertTrue(Files.isRegularFile(bundle.resolve("manifest.json")));
        assertEquals(1, filesIn(tmp));
        assertThrows(ConfigException.class, () -> BundleWriter.create(bundle, options(1 << 20, 1)), "never overwrites a bundle");
    }

    @Test
    void aSealingFailureSurfacesBeforeTheStoreClosesAndNoBundleAppears() throws Exception {
        Path bundle = tmp.resolve("f.ferry");
        ConfigException e;
        try (BundleWriter w = BundleWriter.create(bundle, options(64 << 10, 1))) {
            // Metadata larger than a whole 64 KiB part: its index record can never fit, which the lane finds while sealing.
            e = assertThrows(ConfigException.class, () -> {
                try (StoreWriter s = w.openStore("postgres")) {
                    for (int i = 0; i < 3; i++) {
                        try (EntryOutputStream out = s.newEntry("t" + i)) {
                            out.write(new byte[10]);
                            out.metadata("note", "x".repeat(i == 0 ? 100_000 : 1));
                        }
                    }
                }
            });
        }
        assertTrue(e.getMessage().contains("too small to hold entry postgres/t0"), e.getMessage());
        assertFalse(Files.exists(bundle));
        assertEquals(0, filesIn(tmp), "the temporary directory is gone");
    }

    @Test
    void misuseIsRefusedClearly() throws Exception {
        assertThrows(ConfigException.class, () -> BundleWriter.create(tmp.resolve("z.ferry"), options(1000, 1)), "volume too small");
        try (BundleWriter w = BundleWriter.create(tmp.resolve("w.ferry"), options(1 << 20, 1))) {
            assertThrows(IllegalArgumentException.class, () -> w.openStore("Bad Name"));
            StoreWriter s = w.openStore("postgres");
            for (String bad : new String[] {"/abs", "a/../b", "a//b", "a~1", "", "x\n"}) {
                assertThrows(IllegalArgumentException.class, () -> s.newEntry(bad), "'" + bad + "'");
            }
            try (EntryOutputStream e = s.newEntry("a")) {
                // With one lane busy, a second entry from the same thread would wait for itself forever.
                assertThrows(IllegalStateException.class, () -> s.newEntry("b"));
            }
            s.newEntry("b").close();
            assertThrows(IllegalArgumentException.class, () -> s.newEntry("a"), "duplicate path");
            s.close();
            w.finish();
        }
    }
}
