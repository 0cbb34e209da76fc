package dev.ferry.archive.pgp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Counts and SHA-256-hashes the bytes on their way to a file: a part's size and ciphertext hash for the manifest. */
public final class CountingDigestOutputStream extends FilterOutputStream {
    private final MessageDigest digest = sha256();
    private long count;

    public CountingDigestOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        Digests.update(digest, b, off, len);
        count += len;
    }

    public long count() {
        return count;
    }

    public String sha256Hex() {
        return Hex.lower(digest.digest());
    }

    /** SHA-256 from the JDK (SHA-NI intrinsics), never from BouncyCastle. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
