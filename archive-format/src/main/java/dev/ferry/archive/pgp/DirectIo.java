package dev.ferry.archive.pgp;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Direct I/O (O_DIRECT) for part files, which are written once and read through once: going through the page cache
 * costs a kernel copy of every byte and evicts the operator's cache for nothing. Direct I/O needs buffers, offsets and
 * lengths aligned to the file system's block size; where it is refused (tmpfs, some network file systems) callers
 * fall back to ordinary I/O.
 */
final class DirectIo {
    private DirectIo() {
    }

    /** The block size to align to for buffers of {@code bufferSize} bytes, or 0 when direct I/O is not worth trying. */
    static int block(Path file, int bufferSize) {
        try {
            long block = Files.getFileStore(file).getBlockSize();
            return block > 0 && block <= 1 << 16 && bufferSize % block == 0 ? (int) block : 0;
        } catch (IOException | UnsupportedOperationException e) {
            return 0;
        }
    }

    /** Opens {@code file} for direct I/O, or returns null when the file system refuses it. */
    static FileChannel open(Path file, OpenOption... options) {
        OpenOption[] direct = java.util.Arrays.copyOf(options, options.length + 1);
        direct[options.length] = ExtendedOpenOption.DIRECT;
        try {
            return FileChannel.open(file, direct);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** A direct buffer of {@code size} bytes whose address is aligned to {@code block}. */
    static ByteBuffer alignedBuffer(int size, int block) {
        return ByteBuffer.allocateDirect(size + block).alignedSlice(block).limit(size).slice();
    }
}
