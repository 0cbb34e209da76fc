package dev.ferry.archive.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * A part file read ahead on a thread of its own ({@link ReadAheadStream}) and SHA-256-hashed on that thread, so the
 * decrypting thread never waits for the disk or spends time on the ciphertext hash. It reads past the page cache
 * where the file system allows it ({@link DirectIo}).
 */
final class HashingFileSource extends InputStream {
    private static final int BUFFER = 1 << 20;

    private final ChannelInput input;
    private final ReadAheadStream ahead;
    private long count;

    /** @param hash whether the caller needs the file's SHA-256 ({@link #sha256Hex}) */
    HashingFileSource(Path file, boolean hash) throws IOException {
        this.input = new ChannelInput(file, hash);
        this.ahead = new ReadAheadStream(input, "ferry-read-" + file.getFileName(), BUFFER);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = ahead.read(b, off, len);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    /** Bytes handed out so far. */
    long count() {
        return count;
    }

    /** The SHA-256 of the whole file; valid once the end was reached. */
    String sha256Hex() {
        if (!input.ended || input.digest == null) {
            throw new IllegalStateException(input.digest == null ? "the file was read without hashing" : "the file was not read to its end");
        }
        return Hex.lower(input.digest.digest());
    }

    @Override
    public void close() throws IOException {
        ahead.close();
        input.close();
    }

    /** The file, a buffer at a time (direct and block-aligned when possible), hashed as it is read. */
    private static final class ChannelInput extends InputStream {
        private final Path file;
        private final ByteBuffer buffer;
        private final MessageDigest digest;
        private volatile FileChannel channel;
        private boolean direct;
        private volatile boolean ended;

        ChannelInput(Path file, boolean hash) throws IOException {
            this.file = file;
            this.digest = hash ? CountingDigestOutputStream.sha256() : null;
            int block = DirectIo.block(file, BUFFER);
            FileChannel uncached = block == 0 ? null : DirectIo.open(file, StandardOpenOption.READ);
            this.direct = uncached != null;
            this.channel = direct ? uncached : FileChannel.open(file, StandardOpenOption.READ);
            this.buffer = direct ? DirectIo.alignedBuffer(BUFFER, block) : ByteBuffer.allocate(BUFFER);
            buffer.flip(); // empty until the first fill
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!buffer.hasRemaining() && !fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        /** Reads the next buffer-full and hashes it; false at the end of the file. */
        private boolean fill() throws IOException {
            if (ended) {
                return false;
            }
            buffer.clear();
            int n = 0;
            while (buffer.hasRemaining() && n >= 0) {
                n = readChannel();
            }
            buffer.flip();
            if (digest != null && buffer.hasArray()) {
                Digests.update(digest, buffer.array(), buffer.arrayOffset(), buffer.limit());
            } else if (digest != null) {
                digest.update(buffer.duplicate());
            }
            ended = n < 0;
            return buffer.hasRemaining() || fill();
        }

        private int readChannel() throws IOException {
            if (!direct) {
                return channel.read(buffer);
            }
            long position = channel.position();
            try {
                return channel.read(buffer);
            } catch (IOException e) {
                // A direct read the file system refuses after all (or a short read left the position unaligned): go on
                // through the page cache from where it stopped.
                channel.close();
                channel = FileChannel.open(file, StandardOpenOption.READ).position(position);
                direct = false;
                return channel.read(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
