package dev.ferry.archive.pgp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The end of a part's pipeline: counts what is written, and on a thread of its own SHA-256-hashes it, writes it to
 * the file (past the page cache where it can, see {@link UncachedFileWriter}) and finally forces it to the medium. Keeping the hash and the disk off the sealing thread lets it go on
 * encrypting while the disk catches up. Memory: at most four 1 MiB buffers.
 */
public final class HashingFileSink extends OutputStream {
    private static final int BUFFER = 1 << 20;
    private static final byte[] END = new byte[0];

    private final UncachedFileWriter channel;
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(4);
    private final Thread writer;
    private final MessageDigest digest = CountingDigestOutputStream.sha256();
    private volatile IOException failure;
    private byte[] current = new byte[BUFFER];
    private int filled;
    private long count;
    private String sha256;
    private boolean closed;

    /** Creates the file (it must not exist). */
    public HashingFileSink(Path file) throws IOException {
        this.channel = UncachedFileWriter.create(file, BUFFER);
        for (int i = 0; i < 3; i++) {
            empty.add(new byte[BUFFER]);
        }
        writer = new Thread(this::drain, "ferry-write-" + file.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    private void drain() {
        try {
            while (true) {
                byte[] buffer = full.take();
                if (buffer == END) {
                    return;
                }
                writeOut(buffer, buffer.length);
                if (buffer.length == BUFFER) {
                    empty.put(buffer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
            full.clear();
        }
    }

    private void writeOut(byte[] buffer, int length) throws IOException {
        Digests.update(digest, buffer, 0, length);
        channel.write(buffer, length);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, BUFFER - filled);
            System.arraycopy(b, off, current, filled, n);
            filled += n;
            off += n;
            len -= n;
            count += n;
            if (filled == BUFFER) {
                handOff();
            }
        }
    }

    private void handOff() throws IOException {
        checkFailure();
        try {
            offer(current);
            current = null;
            while (current == null) {
                current = empty.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        }
        filled = 0;
    }

    private void offer(byte[] buffer) throws IOException, InterruptedException {
        while (!full.offer(buffer, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            checkFailure();
        }
    }

    private void checkFailure() throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
    }

    /** Bytes written so far. */
    public long count() {
        return count;
    }

    /** The file's SHA-256, once closed. */
    public String sha256Hex() {
        if (sha256 == null) {
            throw new IllegalStateException("not closed yet");
        }
        return sha256;
    }

    /** Writes the rest, waits for the writer, forces the file to the medium and closes it. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            offer(java.util.Arrays.copyOf(current, filled));
            offer(END);
            writer.join();
            checkFailure();
            channel.force();
            sha256 = Hex.lower(digest.digest());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing a part");
        } finally {
            channel.close();
        }
    }

    /** Stops the writer and closes the file without finishing it (the caller deletes it). */
    public void abandon() {
        closed = true;
        writer.interrupt();
        try {
            channel.close();
        } catch (IOException e) {
            // the file is being deleted
        }
    }
}
