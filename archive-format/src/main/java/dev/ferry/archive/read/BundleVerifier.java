package dev.ferry.archive.read;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.SignerKey;
import java.nio.file.Path;

/**
 * Verifies bundles. API CONTRACT — implemented by the archive-format work.
 */
public final class BundleVerifier {
    private BundleVerifier() {
    }

    /**
     * The courier's check, without a decryption key: signatures of manifest.json and SHA256SUMS against the pinned
     * signer, and every part's size and SHA-256. Never throws for a bad bundle: problems go into the report.
     */
    public static VerificationReport verifySealed(Path bundleDir, SignerKey signer) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * Everything {@link #verifySealed} checks, plus: decrypt every part, check its inner signature, every entry against
     * its index, every count against the manifest, and every hostile-input rule.
     * Returns the {@link VerifiedBundle} through which, and only through which, data can be read.
     *
     * @throws dev.ferry.common.VerificationException naming the file and the reason, if anything fails
     */
    public static VerifiedBundle verify(Path bundleDir, SignerKey signer, DecryptionKey key) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Like {@link #verify} but returns the report instead of throwing, for the verify command's output. */
    public static VerificationReport verifyReport(Path bundleDir, SignerKey signer, DecryptionKey key) {
        throw new UnsupportedOperationException("not built yet");
    }
}
