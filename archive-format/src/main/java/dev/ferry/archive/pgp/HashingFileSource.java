package dev.ferry.archive.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a part file ahead on a thread of its own, SHA-256-hashing it on the way, so the decrypting thread never
 * waits for the disk or spends time on the ciphertext hash. It reads past the page cache where the file system allows
 * it ({@link DirectIo}). Memory: at most four 1 MiB buffers.
 */
final class HashingFileSource extends InputStream {
    private static final int BUFFER = 1 << 20;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final Path file;
    private volatile FileChannel channel;
    private volatile boolean direct;
    private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(4);
    /** Null when the caller does not need the file's hash. */
    private final MessageDigest digest;
    private final Thread reader;
    private volatile IOException failure;
    private volatile boolean stopped;
    private ByteBuffer current;
    private boolean eof;
    private long count;

    HashingFileSource(Path file, boolean hash) throws IOException {
        this.file = file;
        this.digest = hash ? CountingDigestOutputStream.sha256() : null;
        int block = DirectIo.block(file, BUFFER);
        FileChannel uncached = block == 0 ? null : DirectIo.open(file, StandardOpenOption.READ);
        this.direct = uncached != null;
        this.channel = direct ? uncached : FileChannel.open(file, StandardOpenOption.READ);
        for (int i = 0; i < 3; i++) {
            empty.add(direct ? DirectIo.alignedBuffer(BUFFER, block) : ByteBuffer.allocate(BUFFER));
        }
        reader = new Thread(this::fill, "ferry-read-" + file.getFileName());
        reader.setDaemon(true);
        reader.start();
    }

    private void fill() {
        try {
            while (!stopped) {
                ByteBuffer b = empty.take();
                b.clear();
                int n = 0;
                while (b.hasRemaining() && n >= 0) {
                    n = read(b);
                }
                b.flip();
                if (digest != null && b.hasArray()) {
                    Digests.update(digest, b.array(), b.arrayOffset(), b.limit());
                } else if (digest != null) {
                    digest.update(b.duplicate());
                }
                if (b.hasRemaining()) {
                    put(b);
                }
                if (n < 0) {
                    put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = e;
            try {
                put(END);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int read(ByteBuffer b) throws IOException {
        if (!direct) {
            return channel.read(b);
        }
        long position = channel.position();
        try {
            return channel.read(b);
        } catch (IOException e) {
            // A direct read the file system refuses after all (or a short read left the position unaligned): go on
            // through the page cache from where it stopped.
            channel.close();
            channel = FileChannel.open(file, StandardOpenOption.READ).position(position);
            direct = false;
            return channel.read(b);
        }
    }

    private void put(ByteBuffer b) throws InterruptedException {
        while (!stopped && !full.offer(b, 100, TimeUnit.MILLISECONDS)) {
            // the consumer is busy; keep waiting unless it stopped
        }
    }

    private boolean next() throws IOException {
        if (eof) {
            return false;
        }
        if (current != null) {
            empty.offer(current);
        }
        try {
            current = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a part");
        }
        if (current == END) {
            current = null;
            eof = true;
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            return false;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (!next()) {
                return -1;
            }
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        count += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** Bytes handed out so far. */
    long count() {
        return count;
    }

    /** The SHA-256 of the whole file; valid once the end was reached. */
    String sha256Hex() {
        if (!eof || digest == null) {
            throw new IllegalStateException(digest == null ? "the file was read without hashing" : "the file was not read to its end");
        }
        return Hex.lower(digest.digest());
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        reader.interrupt();
        channel.close();
    }
}
