package dev.ferry.archive.keys;

import dev.ferry.archive.pgp.Hex;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * A public certificate read from a key file: a recipient to encrypt to, or the pinned signer to verify against.
 *
 * @param ring           the certificate
 * @param encryptionKeys its usable encryption keys (empty for a signer-only certificate)
 * @param signingKeys    its usable signing keys
 */
public record OpenPgpPublicKey(PGPPublicKeyRing ring, List<PGPPublicKey> encryptionKeys, List<PGPPublicKey> signingKeys)
        implements RecipientKey, SignerKey {

    @Override
    public String fingerprint() {
        return Hex.fingerprint(ring.getPublicKey().getFingerprint());
    }

    @Override
    public String userId() {
        var ids = ring.getPublicKey().getUserIDs();
        return ids.hasNext() ? ids.next() : "(no user id)";
    }

    /** The signing key (primary or subkey) with this key id, or null: signatures by any other key are refused. */
    public PGPPublicKey signingKey(long keyId) {
        return signingKeys.stream().filter(k -> k.getKeyID() == keyId).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return userId() + " [" + fingerprint() + "]";
    }
}
