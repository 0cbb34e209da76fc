package dev.ferry.archive.read;

import dev.ferry.archive.format.ReadLimits;
import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.OpenPgpPublicKey;
import dev.ferry.archive.keys.OpenPgpSecretKey;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.common.VerificationException;
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
        return FullVerification.sealedOnly(bundleDir, (OpenPgpPublicKey) signer);
    }

    /**
     * Everything {@link #verifySealed} checks, plus: decrypt every part, check its inner signature, every entry against
     * its index, every count against the manifest, and every hostile-input rule.
     * Returns the {@link VerifiedBundle} through which, and only through which, data can be read.
     *
     * @throws dev.ferry.common.VerificationException naming the file and the reason, if anything fails
     */
    public static VerifiedBundle verify(Path bundleDir, SignerKey signer, DecryptionKey key) {
        return verify(bundleDir, signer, key, ReadLimits.DEFAULT);
    }

    /** {@link #verify(Path, SignerKey, DecryptionKey)} with explicit resource bounds (tests use small ones). */
    public static VerifiedBundle verify(Path bundleDir, SignerKey signer, DecryptionKey key, ReadLimits limits) {
        FullVerification.Outcome outcome = FullVerification.run(bundleDir, (OpenPgpPublicKey) signer, (OpenPgpSecretKey) key, limits);
        VerificationReport report = outcome.report();
        if (!report.ok()) {
            String first = report.problems().get(0);
            String more = report.problems().size() > 1 ? " (and " + (report.problems().size() - 1) + " more problem(s))" : "";
            String fix = first.contains("pinned signer") ? Problem.WRONG_SIGNER : first.contains("another recipient") ? Problem.WRONG_RECIPIENT : Problem.TAMPERED;
            throw new VerificationException(bundleDir.getFileName() + "/" + first + more, fix);
        }
        return new DefaultVerifiedBundle(bundleDir, report, outcome.lanes(), (OpenPgpSecretKey) key, (OpenPgpPublicKey) signer, limits);
    }

    /** Like {@link #verify} but returns the report instead of throwing, for the verify command's output. */
    public static VerificationReport verifyReport(Path bundleDir, SignerKey signer, DecryptionKey key) {
        return FullVerification.run(bundleDir, (OpenPgpPublicKey) signer, (OpenPgpSecretKey) key, ReadLimits.DEFAULT).report();
    }
}
