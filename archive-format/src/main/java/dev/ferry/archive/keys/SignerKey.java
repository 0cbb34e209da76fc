package dev.ferry.archive.keys;

/** The pinned signer's public key, to verify signatures against. API CONTRACT — implemented by the archive-format work. */
public interface SignerKey {
    /** The primary key's v4 fingerprint, 40 upper-case hex digits, for out-of-band comparison. */
    String fingerprint();

    /** The primary user id, e.g. "Ferry export signer &lt;ops@example.org&gt;". */
    String userId();
}
