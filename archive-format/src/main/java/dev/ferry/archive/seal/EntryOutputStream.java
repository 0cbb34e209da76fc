package dev.ferry.archive.seal;

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
}
