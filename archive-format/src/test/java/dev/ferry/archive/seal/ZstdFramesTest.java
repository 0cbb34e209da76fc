package dev.ferry.archive.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compressed and raw frames, mixed, decode as one zstd stream: in zstd-jni (Ferry's reader) and in the zstd CLI. */
class ZstdFramesTest {
    @TempDir
    Path tmp;

    private static final byte[] ROWS = "{\"id\":1,\"name\":\"a row of a table\"}\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void mixedFramesDecodeToTheBytesWrittenInZstdJniAndTheZstdCommand() throws Exception {
        byte[] big = random(300_000, 1); // more than two raw blocks in one write
        byte[] small = random(1000, 2);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (ZstdFrames frames = new ZstdFrames(encoded, 3)) {
            write(frames, expected, ROWS, 0, 5000);
            frames.storeRaw();
            write(frames, expected, big, 0, big.length);
            frames.compressAgain();
            frames.storeRaw(); // an empty raw frame
            frames.compressAgain();
            write(frames, expected, ROWS, 5000, ROWS.length - 5000);
            frames.flush();
            frames.flush(); // a second flush adds no frame
            frames.storeRaw();
            for (int i = 0; i < small.length; i += 100) {
                write(frames, expected, small, i, 100);
            }
            // left raw: close ends the raw frame
        }
        byte[] stream = encoded.toByteArray();
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(stream))) {
            assertArrayEquals(expected.toByteArray(), in.readAllBytes());
        }
        Path file = Files.write(tmp.resolve("mixed.zst"), stream);
        Path out = tmp.resolve("mixed");
        Process zstd = new ProcessBuilder("zstd", "-q", "-d", file.toString(), "-o", out.toString()).redirectErrorStream(true).start();
        assertTrue(zstd.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, zstd.exitValue(), new String(zstd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(out));

        // The rows were compressed; the random bytes were stored with a few bytes of framing per 128 KiB.
        long stored = big.length + small.length;
        assertTrue(stream.length > stored && stream.length < stored + ROWS.length / 4, "stream of " + stream.length + " bytes");
    }

    @Test
    void aStreamOfOnlyRawFramesIsValid() throws IOException {
        byte[] data = random(ZstdFrames.MAX_RAW_BLOCK, 3); // exactly one full block
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (ZstdFrames frames = new ZstdFrames(encoded, 3)) {
            frames.storeRaw();
            frames.write(data);
        }
        // Raw framing is 12 bytes (frame header 6, block header 3, empty last block 3); closing the compressor adds an
        // empty compressed frame (9 bytes).
        assertTrue(encoded.size() <= data.length + 12 + 9, encoded.size() + " bytes");
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(encoded.toByteArray()))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void probeStoresRandomChunksAndCompressesRowsAndSmallOrMixedChunks() {
        CompressibilityProbe probe = new CompressibilityProbe();
        assertFalse(probe.worthCompressing(random(4 << 20, 4), 4 << 20));
        assertFalse(probe.worthCompressing(random(CompressibilityProbe.MIN_PROBED, 5), CompressibilityProbe.MIN_PROBED));
        assertTrue(probe.worthCompressing(ROWS, ROWS.length));
        // Below the probed size everything is compressed, random or not.
        assertTrue(probe.worthCompressing(random(CompressibilityProbe.MIN_PROBED - 1, 6), CompressibilityProbe.MIN_PROBED - 1));
        // A random head does not decide alone: text further on keeps the chunk compressed.
        byte[] mixed = ROWS.clone();
        System.arraycopy(random(64 << 10, 7), 0, mixed, 0, 64 << 10);
        assertTrue(probe.worthCompressing(mixed, mixed.length));
        // Only the first length bytes count.
        byte[] padded = new byte[ROWS.length * 2];
        System.arraycopy(random(ROWS.length, 8), 0, padded, 0, ROWS.length);
        assertFalse(probe.worthCompressing(padded, ROWS.length));
    }

    private static void write(ZstdFrames frames, ByteArrayOutputStream expected, byte[] b, int off, int len) throws IOException {
        frames.write(b, off, len);
        expected.write(b, off, len);
    }
}
