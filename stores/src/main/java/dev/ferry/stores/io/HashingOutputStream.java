package dev.ferry.stores.io;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes on to a sink while computing their SHA-256 and count; the sink is never closed by it. */
public final class HashingOutputStream extends OutputStream {
    private final OutputStream sink;
    private final MessageDigest digest;
    private long bytes;

    public HashingOutputStream(OutputStream sink) {
        this.sink = sink;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        sink.write(b);
        digest.update((byte) b);
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        sink.write(b, off, len);
        digest.update(b, off, len);
        bytes += len;
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    public long bytes() {
        return bytes;
    }

    /** Lower-case hex SHA-256 of everything written; call once, at the end. */
    public String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
