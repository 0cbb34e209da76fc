package dev.ferry.archive.read;

import dev.ferry.common.VerificationException;

/** Builds the verification errors: each names the file and the reason, and says what to do. */
final class Problem {
    static final String TAMPERED = "the bundle was altered, damaged or mixed with another one: do not import it; copy it again from"
            + " the original medium (or have it re-exported) and verify again";
    // No CLI flag here: the library serves any caller, and a command line adds its own flag names.
    static final String WRONG_SIGNER = "check that the signer's public key given to verify the bundle is the exporter's (compare its"
            + " fingerprint out of band); if it is, the bundle is not authentic: do not import it";
    static final String WRONG_RECIPIENT = "use the decryption key the bundle was sealed for, or have the exporter seal it again to"
            + " your public key";

    private Problem() {
    }

    static VerificationException of(String file, String reason) {
        String fix = reason.contains("pinned signer") ? WRONG_SIGNER : reason.contains("another recipient") ? WRONG_RECIPIENT : TAMPERED;
        return new VerificationException(file + ": " + reason, fix);
    }
}
