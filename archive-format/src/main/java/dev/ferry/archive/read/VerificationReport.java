package dev.ferry.archive.read;

import dev.ferry.archive.manifest.Manifest;
import java.util.List;

/**
 * The outcome of verifying a bundle, per store; printable as text or JSON by the CLI.
 *
 * @param manifest  the manifest (null if it could not even be read)
 * @param decrypted whether parts were decrypted (full verification) or only hashed (outer verification)
 * @param stores    per-store results
 * @param problems  every problem found, each naming the file and the reason; empty means verified
 */
public record VerificationReport(Manifest manifest, boolean decrypted, List<StoreResult> stores, List<String> problems) {
    public boolean ok() {
        return problems.isEmpty();
    }

    /** One store's verification result. */
    public record StoreResult(String store, int parts, long cipherBytes, long entries, long plaintextBytes,
            java.util.Map<String, Long> counts, boolean ok) {
    }
}
