package dev.ferry.archive.read;

import dev.ferry.archive.manifest.Manifest;
import java.util.List;

/**
 * A bundle that passed full verification: the only way to read store data. Reading re-checks each part's ciphertext
 * hash and each chunk's plaintext hash as it goes, so bytes changed on the medium after verification are refused too.
 * API CONTRACT — implemented by the archive-format work.
 */
public interface VerifiedBundle {
    Manifest manifest();

    /** The verification report that admitted this bundle. */
    VerificationReport report();

    /** The stores present, in manifest order. */
    List<String> stores();

    /** Every entry of a store, from the signed indexes, without reading data. */
    List<IndexEntry> index(String store);

    /**
     * Streams a store's entries to the handler, in index order within each lane, up to {@code parallelism} entries at once.
     * An exception from the handler stops the read and is rethrown.
     */
    void read(String store, int parallelism, EntryHandler handler);
}
