package dev.ferry.archive.seal;

import dev.ferry.archive.manifest.Manifest;
import java.nio.file.Path;

/**
 * Seals a bundle directory {@code <name>.ferry/}. Everything is written under a temporary sibling name and renamed
 * into place by {@link #finish()}, so a failed or interrupted run never leaves something that looks complete;
 * {@link #close()} without finish removes the temporary directory.
 * API CONTRACT — implemented by the archive-format work.
 */
public final class BundleWriter implements AutoCloseable {
    private BundleWriter() {
    }

    /** @param bundleDir the final directory, e.g. {@code out/kea-2026-11-24.ferry}; it must not exist yet. */
    public static BundleWriter create(Path bundleDir, SealingOptions options) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Opens a store's stream of parts. Store names are lower-case words, e.g. "postgres". Stores may be written concurrently. */
    public StoreWriter openStore(String store) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * A cleartext note in the manifest, e.g. note("opensearch", "not carried: re-vectorize on the Target").
     * Cleartext: never put store content or a secret here.
     */
    public void note(String key, String value) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Writes manifest.json, SHA256SUMS and their detached signatures, then renames the bundle into place. */
    public Manifest finish() {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("not built yet");
    }
}
