package dev.ferry.archive.seal;

/**
 * Writes the entries of one store into one or more parts. Thread-safe: entries opened from several threads
 * go to parallel parts ("lanes"), each a separate tar → zstd → sign → encrypt stream.
 * API CONTRACT — implemented by the archive-format work.
 */
public interface StoreWriter extends AutoCloseable {
    /**
     * Starts an entry at a relative path ("tables/agent.copy", "objects/000017"). Blocks while every lane is busy.
     * Paths are unique within a store, use '/' separators, and must not be absolute or contain "..".
     */
    EntryOutputStream newEntry(String path);

    /** Finishes this store's parts. */
    @Override
    void close();
}
