package dev.ferry.archive.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One entry of a store being written. Its size need not be known in advance: the writer cuts it into
 * bounded chunks internally, so memory stays flat whatever the entry's size. Closing the stream ends the entry
 * and records it in the part's index (path, size, SHA-256 of the plaintext, metadata, counts).
 * API CONTRACT — implemented by the archive-format work.
 */
public abstract class EntryOutputStream extends OutputStream {
    /**
     * Adds {@code n} to a named count of this entry, e.g. {@code count("rows:agent", 1512)} or {@code count("objects", 1)}.
     * A store's summary counts in the manifest are the sums of its entries' counts, so a reader can check them.
     */
    public abstract void count(String name, long n);

    /** Sets a metadata value (any JSON-serialisable value) recorded in the encrypted index. May be called until close. */
    public abstract void metadata(String key, Object value);

    /**
     * The lower-case hex SHA-256 of the entry's bytes (the index's entry {@code sha256}), once the entry is closed: a
     * writer that needs it (the exporter's object catalog) takes it from here instead of hashing the bytes twice.
     *
     * @throws IllegalStateException before close
     */
    public abstract String sha256();

    /**
     * Reads {@code in} to its end into this entry (not closing either), and returns the bytes read. A writer may read
     * straight into its chunk buffer, saving the copy that {@code in.transferTo(entry)} makes through a buffer of its own.
     */
    public long transferFrom(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0;) {
            write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
