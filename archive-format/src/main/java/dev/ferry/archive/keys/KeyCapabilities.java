package dev.ferry.archive.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * What each key of a certificate may be used for, from its self-signatures (checked cryptographically, so a
 * subkey grafted onto someone else's primary key is never used), and whether it is revoked or expired.
 */
final class KeyCapabilities {
    private KeyCapabilities() {
    }

    /** The usable keys of the ring with the given capability (KeyFlags.SIGN_DATA or ENCRYPT_*), primary first. */
    static List<PGPPublicKey> usable(PGPPublicKeyRing ring, int wantedFlags, Instant now) {
        List<PGPPublicKey> result = new ArrayList<>();
        PGPPublicKey primary = ring.getPublicKey();
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
            PGPPublicKey key = it.next();
            if (key.hasRevocation() || expired(key, now) || key.getVersion() != 4) {
                continue;
            }
            Integer flags = key.isMasterKey() ? primaryFlags(key) : subkeyFlags(primary, key);
            if (flags == null && !key.isMasterKey()) {
                continue; // no valid binding signature: not part of this certificate
            }
            boolean capable = flags != null && flags != 0 ? (flags & wantedFlags) != 0 : algorithmCan(key, wantedFlags);
            if (capable) {
                result.add(key);
            }
        }
        return result;
    }

    static boolean expired(PGPPublicKey key, Instant now) {
        long valid = key.getValidSeconds();
        return valid > 0 && key.getCreationTime().toInstant().plusSeconds(valid).isBefore(now);
    }

    @SuppressWarnings("deprecation") // RSA_SIGN is deprecated for new keys, but old keys may still carry it
    private static boolean algorithmCan(PGPPublicKey key, int wanted) {
        int alg = key.getAlgorithm();
        if ((wanted & KeyFlags.SIGN_DATA) != 0) {
            return alg == PublicKeyAlgorithmTags.RSA_GENERAL || alg == PublicKeyAlgorithmTags.RSA_SIGN
                    || alg == PublicKeyAlgorithmTags.EDDSA_LEGACY || alg == PublicKeyAlgorithmTags.ECDSA
                    || alg == PublicKeyAlgorithmTags.Ed25519;
        }
        return key.isEncryptionKey();
    }

    private static Integer primaryFlags(PGPPublicKey primary) {
        Integer flags = null;
        for (Iterator<PGPSignature> it = primary.getSignatures(); it.hasNext();) {
            PGPSignature sig = it.next();
            boolean selfCert = sig.isCertification() || sig.getSignatureType() == PGPSignature.DIRECT_KEY;
            if (selfCert && sig.getKeyID() == primary.getKeyID() && sig.getHashedSubPackets() != null
                    && sig.getHashedSubPackets().hasSubpacket(org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) {
                flags = (flags == null ? 0 : flags) | sig.getHashedSubPackets().getKeyFlags();
            }
        }
        return flags;
    }

    /** The subkey's flags from a binding signature that verifies against the primary; null when none verifies. */
    private static Integer subkeyFlags(PGPPublicKey primary, PGPPublicKey subkey) {
        for (Iterator<PGPSignature> it = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); it.hasNext();) {
            PGPSignature sig = it.next();
            try {
                sig.init(new BcPGPContentVerifierBuilderProvider(), primary);
                if (sig.verifyCertification(primary, subkey)) {
                    return sig.getHashedSubPackets() == null ? 0 : sig.getHashedSubPackets().getKeyFlags();
                }
            } catch (PGPException | RuntimeException e) {
                // an unverifiable binding is no binding; try the next one
            }
        }
        return null;
    }
}
