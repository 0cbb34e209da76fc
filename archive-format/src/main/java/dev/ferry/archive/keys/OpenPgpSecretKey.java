package dev.ferry.archive.keys;

import dev.ferry.archive.pgp.Hex;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * An unlocked secret key: the exporter's signing key or the importer's decryption key.
 *
 * @param publicRing     the public half
 * @param signing        the key that signs (primary or subkey), null if the key cannot sign
 * @param signingPrivate its unlocked private part
 * @param decryption     the unlocked private parts of the usable encryption keys, by key id
 */
public record OpenPgpSecretKey(PGPPublicKeyRing publicRing, PGPPublicKey signing, PGPPrivateKey signingPrivate,
        Map<Long, PGPPrivateKey> decryption) implements SigningKey, DecryptionKey {

    @Override
    public String fingerprint() {
        return Hex.fingerprint(publicRing.getPublicKey().getFingerprint());
    }

    @Override
    public String userId() {
        var ids = publicRing.getPublicKey().getUserIDs();
        return ids.hasNext() ? ids.next() : "(no user id)";
    }

    /**
     * This key's own public certificate, with the encryption subkeys usable now: the recipient of what the key holder
     * seals for itself (the exporter's state).
     */
    public OpenPgpPublicKey certificate() {
        Instant now = Instant.now();
        return new OpenPgpPublicKey(publicRing, List.copyOf(KeyCapabilities.usable(publicRing, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE, now)),
                List.copyOf(KeyCapabilities.usable(publicRing, KeyFlags.SIGN_DATA, now)));
    }

    @Override
    public String toString() {
        return userId() + " [" + fingerprint() + "]";
    }
}
