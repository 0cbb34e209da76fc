package dev.ferry.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.manifest.Manifest;
import dev.ferry.archive.read.BundleVerifier;
import dev.ferry.archive.read.IndexEntry;
import dev.ferry.archive.read.VerificationReport;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.archive.seal.BundleWriter;
import dev.ferry.archive.seal.EntryOutputStream;
import dev.ferry.archive.seal.SealingOptions;
import dev.ferry.archive.seal.StoreWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void sealsVerifiesAndReadsBack() throws Exception {
        TestKeys keys = TestKeys.create(tmp);
        Path bundle = tmp.resolve("b.ferry");
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        Manifest manifest;
        try (BundleWriter writer = BundleWriter.create(bundle, new SealingOptions(List.of(keys.recipient()), keys.signing(), 128 * 1024, "test", 2))) {
            try (StoreWriter store = writer.openStore("postgres")) {
                try (EntryOutputStream e = store.newEntry("tables/a.copy")) {
                    e.write("hello\n".getBytes());
                    e.count("rows:a", 1);
                    e.metadata("table", "a");
                }
                try (EntryOutputStream e = store.newEntry("empty")) {
                    e.count("rows:b", 0);
                }
                try (EntryOutputStream e = store.newEntry("big.bin")) {
                    e.write(big);
                }
            }
            writer.note("opensearch", "not carried");
            manifest = writer.finish();
        }
        assertTrue(manifest.parts().size() > 1, "300 KB in 128 KiB volumes spans parts: " + manifest.parts());
        VerificationReport sealed = BundleVerifier.verifySealed(bundle, keys.signer());
        assertEquals(List.of(), sealed.problems());
        VerifiedBundle verified = BundleVerifier.verify(bundle, keys.signer(), keys.decryption());
        List<IndexEntry> index = verified.index("postgres");
        assertEquals(3, index.size());
        Map<String, byte[]> read = new ConcurrentHashMap<>();
        verified.read("postgres", 2, entry -> read.put(entry.path(), entry.open().readAllBytes()));
        assertArrayEquals("hello\n".getBytes(), read.get("tables/a.copy"));
        assertArrayEquals(new byte[0], read.get("empty"));
        assertArrayEquals(big, read.get("big.bin"));
        assertEquals(Map.of("rows:a", 1L, "rows:b", 0L), manifest.stores().get("postgres").counts());
    }
}
