package dev.ferry.archive.pgp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncachedFileWriterTest {
    private static final int BUFFER = 1 << 20;

    @TempDir
    Path disk;

    /** Whole buffers, then tails of every awkward length: the file holds exactly what was written, in order. */
    @Test
    void writesWholeBuffersDirectAndTheUnalignedTailThroughTheCache() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(disk));
        Path shm = Path.of("/dev/shm"); // tmpfs where present: no O_DIRECT there, the writer must fall back
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            dirs.add(Files.createTempDirectory(shm, "ferry-uncached"));
        }
        for (Path dir : dirs) {
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
}
