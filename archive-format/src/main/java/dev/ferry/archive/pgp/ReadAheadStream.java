package dev.ferry.archive.pgp;

import dev.ferry.common.CauseDetail;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream ahead on a thread of its own. Between decryption (AES, MDC and signature hashing, inside the source)
 * and decompression, tar parsing and entry hashing (in the consumer), it puts a part's work on two cores.
 * Memory: at most four buffers (256 KiB unless the caller chooses).
 */
final class ReadAheadStream extends InputStream {
    private static final int BUFFER = 1 << 18;

    private record Chunk(byte[] data, int length, IOException failure) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0, null);

    private final InputStream source;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(2);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(4);
    private final Thread thread;
    private volatile boolean stopped;
    private Chunk current;
    private int pos;
    private boolean eof;

    ReadAheadStream(InputStream source, String name) {
        this(source, name, BUFFER);
    }

    ReadAheadStream(InputStream source, String name, int bufferSize) {
        this.source = source;
        for (int i = 0; i < 3; i++) {
            empty.add(new byte[bufferSize]);
        }
        thread = new Thread(this::pump, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump() {
        try {
            while (!stopped) {
                byte[] b = empty.take();
                int n = 0;
                int r = 0;
                while (n < b.length && (r = source.read(b, n, b.length - n)) >= 0) {
                    n += r;
                    if (n > 0 && r == 0) {
                        break;
                    }
                }
                if (n > 0) {
                    put(new Chunk(b, n, null));
                }
                if (r < 0) {
                    put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            IOException failure = e instanceof IOException io ? io : new IOException(CauseDetail.of(e).orElse(null), e);
            try {
                put(new Chunk(null, 0, failure));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(Chunk c) throws InterruptedException {
        while (!stopped && !full.offer(c, 100, TimeUnit.MILLISECONDS)) {
            // the consumer is busy
        }
    }

    private boolean next() throws IOException {
        if (eof) {
            return false;
        }
        if (current != null && current.data() != null && current != END) {
            empty.offer(current.data());
        }
        try {
            current = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decrypting");
        }
        pos = 0;
        if (current.failure() != null) {
            eof = true;
            throw new IOException(current.failure().getMessage(), current.failure());
        }
        if (current == END) {
            eof = true;
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
        while (current == null || pos == current.length()) {
            if (!next()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.data(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
