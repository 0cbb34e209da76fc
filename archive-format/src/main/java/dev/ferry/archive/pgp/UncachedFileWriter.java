package dev.ferry.archive.pgp;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new file past the page cache (O_DIRECT) where the file system allows it, and through it otherwise.
 * A part is written once and never read back by the writer; going through the page cache costs a kernel copy of every
 * byte (on the measured VM, a third of the sealing CPU) and evicts the operator's cache for nothing. Direct writes
 * need block-aligned buffers, offsets and lengths: whole blocks go direct, the unaligned tail through an ordinary write.
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
        int block = directBlock(file, bufferSize);
        if (block <= 0) {
            return new UncachedFileWriter(file, plain, 0, null);
        }
        try {
            FileChannel direct = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            plain.close();
            return new UncachedFileWriter(file, direct, block, ByteBuffer.allocateDirect(bufferSize + block).alignedSlice(block));
        } catch (IOException | UnsupportedOperationException e) {
            return new UncachedFileWriter(file, plain, 0, null); // e.g. tmpfs: no O_DIRECT
        }
    }

    private static int directBlock(Path file, int bufferSize) {
        try {
            long block = Files.getFileStore(file).getBlockSize();
            return block > 0 && block <= 1 << 16 && bufferSize % block == 0 ? (int) block : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
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
