package dev.ferry.archive.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.archive.TestKeys;
import dev.ferry.archive.read.BundleVerifier;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * transferFrom reads straight into the chunk buffers. Around every chunk boundary, from a stream that returns odd
 * read sizes, it must seal what write() seals: the same content read back, and the same members (no extra empty chunk).
 */
class TransferFromTest {
    private static final long VOLUME = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void transferFromSealsWhatWriteSeals() throws Exception {
        TestKeys keys = TestKeys.create(java.nio.file.Files.createDirectories(tmp.resolve("keys")));
        Random rnd = new Random(5);
        int chunk = SealContext.chunkSize(VOLUME, 1);
        int[] sizes = {0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 2 * chunk + 4097, 5 * chunk / 2};
        Map<String, byte[]> contents = new TreeMap<>();
        for (int size : sizes) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            contents.put("e/" + size, data);
        }
        long[] partBytes = new long[2];
        for (int way = 0; way < 2; way++) {
            Path bundle = tmp.resolve("way" + way + ".ferry");
            try (BundleWriter w = BundleWriter.create(bundle, new SealingOptions(List.of(keys.recipient()), keys.signing(), VOLUME, "t", 1))) {
                try (StoreWriter store = w.openStore("objects")) {
                    for (var c : contents.entrySet()) {
                        try (EntryOutputStream e = store.newEntry(c.getKey())) {
                            if (way == 0) {
                                e.write(c.getValue());
                            } else {
                                assertEquals(c.getValue().length, e.transferFrom(trickle(c.getValue(), rnd)));
                            }
                        }
                    }
                }
                partBytes[way] = w.finish().parts().stream().mapToLong(p -> p.size()).sum();
            }
            Map<String, byte[]> read = new ConcurrentHashMap<>();
            BundleVerifier.verify(bundle, keys.signer(), keys.decryption()).read("objects", 1, e -> {
                try (InputStream in = e.open()) {
                    read.put(e.path(), in.readAllBytes());
                }
            });
            assertEquals(contents.keySet(), read.keySet());
            contents.forEach((path, data) -> assertArrayEquals(data, read.get(path), path));
        }
        // An extra (empty) chunk would add a tar header and an index record with its 64-digit hash; the signature's
        // two MPIs may differ by a byte or two between runs (their leading zeros are not encoded).
        assertTrue(Math.abs(partBytes[0] - partBytes[1]) <= 8, "the same members, chunk for chunk: " + partBytes[0] + " vs " + partBytes[1]);
    }

    /** A stream that hands out its bytes in reads of 1 to 7000 bytes. */
    private static InputStream trickle(byte[] data, Random rnd) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + rnd.nextInt(7000)));
            }
        };
    }
}
