package dev.ferry.archive.pgp;

import java.security.MessageDigest;

/**
 * Feeds a digest in slices. HotSpot uses the SHA-NI intrinsics only from compiled callers; a caller that hands over
 * 4 MiB at a time is called too rarely to get compiled, and the hash then runs as plain Java, several times slower.
 */
public final class Digests {
    private static final int SLICE = 1 << 14;

    private Digests() {
    }

    /**
     * The digest of what {@code digest} has seen so far, leaving it running: a chunk's hash in the format is the
     * SHA-256 of its entry's bytes up to the chunk's end, so one pass over an entry yields every chunk hash.
     */
    public static byte[] soFar(MessageDigest digest) {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 cannot be cloned", e);
        }
    }

    public static void update(MessageDigest digest, byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, SLICE);
            digest.update(b, off, n);
            off += n;
            len -= n;
        }
    }
}
