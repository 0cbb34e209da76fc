package dev.ferry.archive.keys;

/** The unlocked secret key that signs the bundle. API CONTRACT — implemented by the archive-format work. */
public interface SigningKey {
    /** The primary key's v4 fingerprint, 40 upper-case hex digits, for out-of-band comparison. */
    String fingerprint();

    /** The primary user id, e.g. "Ferry export signer &lt;ops@example.org&gt;". */
    String userId();
}
