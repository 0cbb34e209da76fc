package dev.ferry.archive.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Part files are written and read past the page cache where possible, through it elsewhere; bytes are the same. */
class DirectIoTest {
    private static final int BUFFER = 1 << 20;

    @TempDir
    Path disk;

    /** The test's disk, and tmpfs where present (no O_DIRECT there: reader and writer must fall back). */
    private List<Path> dirs() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(disk));
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            dirs.add(Files.createTempDirectory(shm, "ferry-direct-io"));
        }
        return dirs;
    }

    /** Whole buffers, then tails of every awkward length: the file holds exactly what was written, in order. */
    @Test
    void writesWholeBuffersDirectAndTheUnalignedTailThroughTheCache() throws IOException {
        for (Path dir : dirs()) {
            for (int tail : new int[] {0, 1, 511, 4096, 4097, BUFFER - 1}) {
                for (int whole : new int[] {0, 1, 3}) {
                    byte[] expected = new byte[whole * BUFFER + tail];
                    new Random(whole * 31L + tail).nextBytes(expected);
                    Path file = dir.resolve("part-" + whole + "-" + tail);
                    try (UncachedFileWriter out = UncachedFileWriter.create(file, BUFFER)) {
                        byte[] buffer = new byte[BUFFER];
                        for (int off = 0; off < expected.length; off += BUFFER) {
                            int n = Math.min(BUFFER, expected.length - off);
                            System.arraycopy(expected, off, buffer, 0, n);
                            out.write(buffer, n);
                        }
                        out.force();
                        assertEquals(expected.length, out.size());
                    }
                    assertArrayEquals(expected, Files.readAllBytes(file), file.toString());
                    Files.delete(file);
                }
            }
            if (!dir.equals(disk)) {
                Files.delete(dir);
            }
        }
    }

    @Test
    void readsEveryByteAndHashesIt() throws IOException {
        for (Path dir : dirs()) {
            for (int size : new int[] {0, 1, 4096, BUFFER, BUFFER + 1, 3 * BUFFER + 777}) {
                byte[] expected = new byte[size];
                new Random(size).nextBytes(expected);
                Path file = dir.resolve("part-" + size);
                Files.write(file, expected);
                byte[] read;
                try (HashingFileSource in = new HashingFileSource(file, true)) {
                    read = in.readAllBytes();
                    assertEquals(Hex.lower(MessageDigest.getInstance("SHA-256").digest(expected)), in.sha256Hex());
                    assertEquals(size, in.count());
                } catch (NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
                assertArrayEquals(expected, read, file.toString());
                Files.delete(file);
            }
            if (!dir.equals(disk)) {
                Files.delete(dir);
            }
        }
    }
}
