package dev.ferry.archive.seal;

import com.github.luben.zstd.Zstd;

/**
 * Tells whether a chunk is worth compressing, from zstd level 1 on three small samples (start, middle, end): about
 * 1% of a 4 MiB chunk's bytes. Already-compressed documents (PDF, images, office files) then skip the compressor,
 * while table rows and other text are compressed as before.
 */
final class CompressibilityProbe {
    /** Below this, a chunk is always compressed: too small to sample, too small to matter. */
    static final int MIN_PROBED = 64 << 10;
    private static final int SAMPLE = 16 << 10;
    /** A chunk whose samples shrink by less than 3% is stored as is. */
    private static final double STORE_ABOVE = 0.97;

    private final byte[] scratch = new byte[(int) Zstd.compressBound(SAMPLE)];

    boolean worthCompressing(byte[] data, int length) {
        if (length < MIN_PROBED) {
            return true;
        }
        long in = 0;
        long out = 0;
        for (int offset : new int[] {0, (length - SAMPLE) / 2, length - SAMPLE}) {
            long written = Zstd.compressByteArray(scratch, 0, scratch.length, data, offset, SAMPLE, 1);
            if (Zstd.isError(written)) {
                return true; // the compressor will report the problem, if it is one
            }
            in += SAMPLE;
            out += written;
        }
        return out < STORE_ABOVE * in;
    }
}
