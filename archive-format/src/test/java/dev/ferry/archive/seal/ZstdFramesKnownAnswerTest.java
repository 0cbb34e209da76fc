package dev.ferry.archive.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the raw frames {@link ZstdFrames} writes itself: their exact bytes, derived by hand from RFC 8878,
 * and what stock zstd-jni makes of them (the frame's extent by its own parser, the content by its decoder and by the
 * commons-compress stream the reader uses).
 */
class ZstdFramesKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    /**
     * RFC 8878 §3.1.1: Magic_Number 0xFD2FB528 little-endian; Frame_Header_Descriptor 0x00 (no content size, not single
     * segment, no checksum, no dictionary); Window_Descriptor 0x38 = Exponent 7, Mantissa 0, a 2^(10+7) = 128 KiB window,
     * which Block_Maximum_Size needs for a full 128 KiB raw block.
     */
    private static final String FRAME_HEADER = "28b52ffd0038";
    /** §3.1.1.2: the empty last block that ends a raw frame: Last_Block 1, Block_Type 0 (Raw), Block_Size 0. */
    private static final String LAST_EMPTY_BLOCK = "010000";

    /** The bytes that {@code content} becomes as one raw frame, cut at {@code storeRaw} and {@code compressAgain}. */
    private static byte[] rawFrame(byte[] content, int... writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdFrames frames = new ZstdFrames(out, 3)) {
            frames.write("compressed before".getBytes());
            frames.flush();
            int start = out.size();
            frames.storeRaw();
            int off = 0;
            for (int i = 0; off < content.length; i++) {
                int n = Math.min(content.length - off, writes.length == 0 ? content.length : writes[i % writes.length]);
                frames.write(content, off, n);
                off += n;
            }
            frames.compressAgain();
            return Arrays.copyOfRange(out.toByteArray(), start, out.size());
        }
    }

    /** Block_Header (§3.1.1.2): Last_Block in bit 0, Block_Type in bits 1-2 (0 = Raw), Block_Size in bits 3-23, little-endian. */
    private static String rawBlockHeader(int size) {
        int header = size << 3;
        return HEX.formatHex(new byte[] {(byte) header, (byte) (header >>> 8), (byte) (header >>> 16)});
    }

    @Test
    void aSmallRawFrameIsExactlyTheRfcEncoding() throws IOException {
        byte[] frame = rawFrame("Ferry".getBytes());
        // 5 << 3 = 0x28: one raw block of 5 bytes, not last; then the empty last block.
        assertEquals(FRAME_HEADER + "280000" + HEX.formatHex("Ferry".getBytes()) + LAST_EMPTY_BLOCK, HEX.formatHex(frame));
        assertDecodesTo("Ferry".getBytes(), frame);
    }

    @Test
    void anEmptyRawFrameIsHeaderAndLastBlock() throws IOException {
        byte[] frame = rawFrame(new byte[0]);
        assertEquals(FRAME_HEADER + LAST_EMPTY_BLOCK, HEX.formatHex(frame));
        assertDecodesTo(new byte[0], frame);
    }

    @Test
    void contentIsCutIntoFullRawBlocksOf128KiBWhateverTheWrites() throws IOException {
        int max = ZstdFrames.MAX_RAW_BLOCK;
        assertEquals(128 << 10, max, "the largest block RFC 8878 allows");
        for (int length : new int[] {max, max + 1, 2 * max + 777}) {
            byte[] content = new byte[length];
            new Random(length).nextBytes(content);
            for (int[] writes : new int[][] {{}, {1000}, {max - 1, 3}}) {
                byte[] frame = rawFrame(content, writes);
                StringBuilder expected = new StringBuilder(FRAME_HEADER);
                // Each write is cut at 128 KiB on its own; the expected blocks follow the writes the same way.
                int off = 0;
                for (int i = 0; off < length; i++) {
                    int write = Math.min(length - off, writes.length == 0 ? length : writes[i % writes.length]);
                    for (int done = 0; done < write; done += Math.min(max, write - done)) {
                        int n = Math.min(max, write - done);
                        expected.append(rawBlockHeader(n)).append(HEX.formatHex(content, off + done, off + done + n));
                    }
                    off += write;
                }
                expected.append(LAST_EMPTY_BLOCK);
                assertEquals(expected.toString(), HEX.formatHex(frame), length + " bytes in writes of " + Arrays.toString(writes));
                assertDecodesTo(content, frame);
            }
        }
    }

    /** Stock zstd-jni finds the frame's end exactly where it ends, and both stock decoding streams return the content. */
    private static void assertDecodesTo(byte[] content, byte[] frame) throws IOException {
        assertEquals(frame.length, Zstd.findFrameCompressedSize(frame), "zstd-jni's own parser sees one frame of exactly these bytes");
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(frame))) {
            assertArrayEquals(content, in.readAllBytes(), "zstd-jni's decoder");
        }
        try (InputStream in = new ZstdCompressorInputStream(new ByteArrayInputStream(frame))) {
            assertArrayEquals(content, in.readAllBytes(), "commons-compress over zstd-jni, the reader's path");
        }
    }
}
