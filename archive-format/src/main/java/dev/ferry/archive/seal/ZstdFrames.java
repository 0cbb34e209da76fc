package dev.ferry.archive.seal;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * A part's zstd stream, written as concatenated frames: compressed frames from zstd, and, for data that does not
 * compress, frames of raw blocks written here. zstd itself stores such data as raw blocks after trying to compress
 * it; writing them directly skips that attempt and its two copies (about 0.4 CPU-s per GiB). Any zstd decoder reads
 * the result as one stream (RFC 8878: concatenated frames, Raw_Block).
 */
final class ZstdFrames extends OutputStream {
    static final int MAX_RAW_BLOCK = 128 << 10;
    /** Magic number 0xFD2FB528 (little-endian), Frame_Header_Descriptor 0 (no content size, no checksum), and a
     *  Window_Descriptor of 2^17 bytes, the largest block a raw block may hold. */
    private static final byte[] RAW_FRAME_HEADER = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x38};
    private static final int LAST_BLOCK = 1;

    private final OutputStream out;
    private final ZstdCompressorOutputStream zstd;
    private final byte[] blockHeader = new byte[3];
    private boolean raw;

    @SuppressWarnings("deprecation") // commons-compress 1.28 prefers a builder; this constructor is the same stream
    ZstdFrames(OutputStream out, int level) throws IOException {
        this.out = out;
        // A flush ends the compressed frame, so raw frames can follow it.
        this.zstd = new ZstdCompressorOutputStream(out, level, true, false);
    }

    /** Ends the current compressed frame; what is written next is stored in raw blocks until {@link #compressAgain()}. */
    void storeRaw() throws IOException {
        if (raw) {
            return;
        }
        zstd.flush();
        out.write(RAW_FRAME_HEADER);
        raw = true;
    }

    /** Ends the raw frame; what is written next is compressed. */
    void compressAgain() throws IOException {
        if (!raw) {
            return;
        }
        writeBlockHeader(0, true);
        raw = false;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!raw) {
            zstd.write(b, off, len);
            return;
        }
        while (len > 0) {
            int n = Math.min(len, MAX_RAW_BLOCK);
            writeBlockHeader(n, false);
            out.write(b, off, n);
            off += n;
            len -= n;
        }
    }

    private void writeBlockHeader(int size, boolean last) throws IOException {
        // Block_Header: Last_Block (bit 0), Block_Type 0 = Raw_Block (bits 1-2), Block_Size (bits 3-23), little-endian.
        int header = (size << 3) | (last ? LAST_BLOCK : 0);
        blockHeader[0] = (byte) header;
        blockHeader[1] = (byte) (header >>> 8);
        blockHeader[2] = (byte) (header >>> 16);
        out.write(blockHeader);
    }

    /** Ends the compressed frame (so counts taken now are exact); a raw frame needs no flushing. */
    @Override
    public void flush() throws IOException {
        if (!raw) {
            zstd.flush();
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        compressAgain();
        zstd.close();
    }
}
