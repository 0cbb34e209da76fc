package dev.ferry.archive.keys;

/** A recipient's public key, to encrypt parts to. API CONTRACT — implemented by the archive-format work. */
public interface RecipientKey {
    /** The primary key's v4 fingerprint, 40 upper-case hex digits, for out-of-band comparison. */
    String fingerprint();

    /** The primary user id, e.g. "Ferry export signer &lt;ops@example.org&gt;". */
    String userId();
}
