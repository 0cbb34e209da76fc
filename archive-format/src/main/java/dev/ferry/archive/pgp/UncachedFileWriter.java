package dev.ferry.archive.pgp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new part file past the page cache where the file system allows it ({@link DirectIo}; on the measured VM
 * the page-cache copy was a third of the sealing CPU), and through it otherwise. Whole blocks go direct, the unaligned
 * tail through an ordinary write.
 */
final class UncachedFileWriter implements AutoCloseable {
    private final Path file;
    private final int block;
    private FileChannel channel;
    private ByteBuffer aligned;
    private long position;

    private UncachedFileWriter(Path file, FileChannel channel, int block, ByteBuffer aligned) {
        this.file = file;
        this.channel = channel;
        this.block = block;
        this.aligned = aligned;
    }

    /**
     * Creates the file (it must not exist). {@code bufferSize} is the largest write; direct writes are used only when
     * it is a multiple of the file system's block size.
     */
    static UncachedFileWriter create(Path file, int bufferSize) throws IOException {
        FileChannel plain = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        int block = DirectIo.block(file, bufferSize);
        FileChannel direct = block == 0 ? null : DirectIo.open(file, StandardOpenOption.WRITE);
        if (direct == null) {
            return new UncachedFileWriter(file, plain, 0, null); // e.g. tmpfs: no O_DIRECT
        }
        plain.close();
        return new UncachedFileWriter(file, direct, block, DirectIo.alignedBuffer(bufferSize, block));
    }

    /** Appends {@code length} bytes; every write but the last must be a whole number of blocks to stay direct. */
    void write(byte[] data, int length) throws IOException {
        if (aligned != null && length % block == 0) {
            aligned.clear();
            aligned.put(data, 0, length).flip();
            try {
                writeFully(aligned);
                return;
            } catch (IOException e) {
                if (position != 0) {
                    throw e;
                }
                reopenCached(); // the file system accepted O_DIRECT at open but refuses it on write
            }
        } else if (aligned != null) {
            reopenCached(); // the unaligned tail
        }
        writeFully(ByteBuffer.wrap(data, 0, length));
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            position += channel.write(b, position);
        }
    }

    private void reopenCached() throws IOException {
        channel.close();
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        aligned = null;
    }

    /** Bytes written so far. */
    long size() {
        return position;
    }

    /** Forces the data and the file's metadata to the medium. */
    void force() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
