package dev.ferry.archive.keys;

import dev.ferry.archive.pgp.Hex;
import dev.ferry.common.CauseDetail;
import dev.ferry.common.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Reads armored OpenPGP key files exactly as {@code gpg --export --armor} and {@code gpg --export-secret-keys --armor}
 * write them (RSA, Ed25519/Cv25519). Every bad input is a {@link dev.ferry.common.ConfigException} naming the file.
 * API CONTRACT — implemented by the archive-format work.
 */
public final class KeyFiles {
    private static final int ENCRYPT = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;
    private static final long MAX_KEY_FILE = 1 << 20;

    private KeyFiles() {
    }

    /** A recipient's public key (encryption subkey), for sealing. */
    public static RecipientKey recipient(Path armoredPublicKey) {
        OpenPgpPublicKey key = publicKey(armoredPublicKey, "recipient");
        if (key.encryptionKeys().isEmpty()) {
            throw new ConfigException("the recipient key " + key + " in " + armoredPublicKey + " has no usable encryption subkey"
                    + " (none, or all revoked or expired)",
                    "give the public key made by 'ferry-import keys generate' (or a gpg key with an encryption subkey: gpg --quick-add-key FPR cv25519 encr)");
        }
        return key;
    }

    /** The pinned signer's public key, for verification. */
    public static SignerKey signer(Path armoredPublicKey) {
        OpenPgpPublicKey key = publicKey(armoredPublicKey, "signer");
        if (key.signingKeys().isEmpty()) {
            throw new ConfigException("the signer key " + key + " in " + armoredPublicKey + " has no usable signing key"
                    + " (none, or all revoked or expired)", "give the public key made by 'ferry-export keys generate'");
        }
        return key;
    }

    /** The exporter's secret signing key. */
    public static SigningKey signingKey(Path armoredSecretKey, Passphrase passphrase) {
        PGPSecretKeyRing ring = secretRing(armoredSecretKey, "signing");
        PGPPublicKeyRing publicRing = publicHalf(ring);
        checkPrimaryUsable(publicRing, armoredSecretKey);
        List<PGPPublicKey> signers = withSecretMaterial(ring, KeyCapabilities.usable(publicRing, KeyFlags.SIGN_DATA, Instant.now()));
        if (signers.isEmpty()) {
            throw new ConfigException("the secret key in " + armoredSecretKey + " has no usable signing key with its secret part",
                    "give the secret key made by 'ferry-export keys generate' (gpg --export-secret-keys --armor FPR)");
        }
        // gpg signs with the newest signing-capable key; so do we.
        PGPPublicKey signing = signers.get(signers.size() - 1);
        char[] pass = null;
        try {
            PGPSecretKey secret = ring.getSecretKey(signing.getKeyID());
            pass = needsPassphrase(secret) ? passphraseFor(passphrase, armoredSecretKey) : new char[0];
            PGPPrivateKey priv = unlock(secret, pass, passphrase, armoredSecretKey);
            return new OpenPgpSecretKey(publicRing, signing, priv, ownDecryptionKeys(ring, publicRing, pass));
        } finally {
            wipe(pass);
        }
    }

    /**
     * The signing key's own encryption subkeys, unlocked with the same passphrase: the exporter seals its private state
     * (FormatRules.EXPORTER_STATE) to them and reads it back on the next pass. A subkey that is a stub or that the
     * passphrase does not unlock is left out; sealing the state then fails with its own message.
     */
    private static Map<Long, PGPPrivateKey> ownDecryptionKeys(PGPSecretKeyRing ring, PGPPublicKeyRing publicRing, char[] pass) {
        Map<Long, PGPPrivateKey> privates = new HashMap<>();
        for (PGPPublicKey k : withSecretMaterial(ring, KeyCapabilities.usable(publicRing, ENCRYPT, Instant.EPOCH))) {
            PGPSecretKey secret = ring.getSecretKey(k.getKeyID());
            try {
                char[] forKey = needsPassphrase(secret) ? pass : new char[0];
                PGPPrivateKey priv = secret.extractPrivateKey(new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(forKey));
                if (priv != null) {
                    privates.put(k.getKeyID(), priv);
                }
            } catch (PGPException | RuntimeException e) {
                // not unlocked by the signing key's passphrase: not usable for the state
            }
        }
        return Map.copyOf(privates);
    }

    /** The importer's secret decryption key. */
    public static DecryptionKey decryptionKey(Path armoredSecretKey, Passphrase passphrase) {
        PGPSecretKeyRing ring = secretRing(armoredSecretKey, "decryption");
        PGPPublicKeyRing publicRing = publicHalf(ring);
        checkPrimaryUsable(publicRing, armoredSecretKey);
        // Expired encryption keys still decrypt what was sealed while they were valid; revoked ones do not count.
        List<PGPPublicKey> decrypters = withSecretMaterial(ring, KeyCapabilities.usable(publicRing, ENCRYPT, Instant.EPOCH));
        if (decrypters.isEmpty()) {
            throw new ConfigException("the secret key in " + armoredSecretKey + " has no encryption subkey with its secret part",
                    "give the secret key made by 'ferry-import keys generate' (gpg --export-secret-keys --armor FPR)");
        }
        char[] pass = null;
        try {
            boolean needs = false;
            for (PGPPublicKey k : decrypters) {
                needs |= needsPassphrase(ring.getSecretKey(k.getKeyID()));
            }
            pass = needs ? passphraseFor(passphrase, armoredSecretKey) : new char[0];
            Map<Long, PGPPrivateKey> privates = new HashMap<>();
            for (PGPPublicKey k : decrypters) {
                privates.put(k.getKeyID(), unlock(ring.getSecretKey(k.getKeyID()), pass, passphrase, armoredSecretKey));
            }
            return new OpenPgpSecretKey(publicRing, null, null, Map.copyOf(privates));
        } finally {
            wipe(pass);
        }
    }

    private static OpenPgpPublicKey publicKey(Path file, String role) {
        Object key = readSingleKey(file);
        if (key instanceof PGPSecretKeyRing) {
            throw new ConfigException(file + " holds a SECRET key, but the " + role + " key must be a public key",
                    "give the public key file (<name>.pub.asc, or gpg --export --armor FPR); keep the secret key off this machine");
        }
        PGPPublicKeyRing ring = (PGPPublicKeyRing) key;
        checkPrimaryUsable(ring, file);
        Instant now = Instant.now();
        return new OpenPgpPublicKey(ring, List.copyOf(KeyCapabilities.usable(ring, ENCRYPT, now)),
                List.copyOf(KeyCapabilities.usable(ring, KeyFlags.SIGN_DATA, now)));
    }

    private static PGPSecretKeyRing secretRing(Path file, String role) {
        Object key = readSingleKey(file);
        if (key instanceof PGPPublicKeyRing) {
            throw new ConfigException(file + " holds a PUBLIC key, but the " + role + " key must be a secret key",
                    "give the secret key file (<name>.sec.asc, or gpg --export-secret-keys --armor FPR)");
        }
        return (PGPSecretKeyRing) key;
    }

    private static void checkPrimaryUsable(PGPPublicKeyRing ring, Path file) {
        PGPPublicKey primary = ring.getPublicKey();
        String who = Hex.fingerprint(primary.getFingerprint());
        if (primary.getVersion() != 4) {
            throw new ConfigException("the key " + who + " in " + file + " is a version " + primary.getVersion() + " key; Ferry bundles use v4 keys (GnuPG 2.2 reads no other)",
                    "generate a v4 key with 'ferry-export keys generate' / 'ferry-import keys generate' or gpg 2.2");
        }
        if (primary.hasRevocation()) {
            throw new ConfigException("the key " + who + " in " + file + " is revoked", "use a current key and tell the other side its fingerprint");
        }
        if (KeyCapabilities.expired(primary, Instant.now())) {
            throw new ConfigException("the key " + who + " in " + file + " expired on "
                    + primary.getCreationTime().toInstant().plusSeconds(primary.getValidSeconds()),
                    "extend it (gpg --quick-set-expire " + who + " 1y) and export it again, or generate a new one");
        }
    }

    private static Object readSingleKey(Path file) {
        List<Object> keys = new ArrayList<>();
        try {
            if (Files.size(file) > MAX_KEY_FILE) {
                throw notAKey(file, "it is larger than any key file (" + Files.size(file) + " bytes)");
            }
            // The armor decoder stops after the first block; a second armored key in the same file would go unseen.
            String text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            int blocks = text.split("-----BEGIN PGP ", -1).length - 1;
            if (blocks > 1) {
                throw new ConfigException(file + " holds " + blocks + " armored blocks; Ferry needs exactly one key",
                        "export only the one key: gpg --export --armor FPR (or --export-secret-keys)");
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("key file " + file + " does not exist", "check the path");
        } catch (IOException e) {
            throw new ConfigException("cannot read key file " + file + " (" + e.getMessage() + ")", "check the path and permissions");
        }
        try (InputStream raw = Files.newInputStream(file); InputStream in = PGPUtil.getDecoderStream(raw)) {
            JcaPGPObjectFactory factory = new JcaPGPObjectFactory(in);
            Object o;
            while ((o = factory.nextObject()) != null) {
                if (o instanceof PGPPublicKeyRing || o instanceof PGPSecretKeyRing) {
                    keys.add(o);
                } else {
                    throw notAKey(file, "it holds OpenPGP data of another kind (" + kind(o) + ")");
                }
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("key file " + file + " does not exist", "check the path");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException ce) {
                throw ce;
            }
            throw notAKey(file, "it could not be parsed" + CauseDetail.parenthesised(e));
        }
        if (keys.isEmpty()) {
            throw notAKey(file, "it holds no key");
        }
        if (keys.size() > 1) {
            throw new ConfigException(file + " holds " + keys.size() + " keys; Ferry needs exactly one",
                    "export only the one key: gpg --export --armor FPR (or --export-secret-keys)");
        }
        return keys.get(0);
    }

    /** What an OpenPGP object other than a key is, in words. */
    private static String kind(Object o) {
        if (o instanceof org.bouncycastle.openpgp.PGPSignatureList) {
            return "a signature";
        }
        if (o instanceof org.bouncycastle.openpgp.PGPEncryptedDataList) {
            return "an encrypted message";
        }
        if (o instanceof org.bouncycastle.openpgp.PGPCompressedData || o instanceof org.bouncycastle.openpgp.PGPLiteralData
                || o instanceof org.bouncycastle.openpgp.PGPOnePassSignatureList) {
            return "a message";
        }
        return "not a key";
    }

    private static ConfigException notAKey(Path file, String why) {
        return new ConfigException(file + " is not an OpenPGP key file: " + why,
                "give an armored key as written by gpg --export --armor / --export-secret-keys --armor or by 'keys generate'");
    }

    private static PGPPublicKeyRing publicHalf(PGPSecretKeyRing ring) {
        List<PGPPublicKey> keys = new ArrayList<>();
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext();) {
            keys.add(it.next());
        }
        return new PGPPublicKeyRing(keys);
    }

    private static List<PGPPublicKey> withSecretMaterial(PGPSecretKeyRing ring, List<PGPPublicKey> keys) {
        List<PGPPublicKey> result = new ArrayList<>();
        for (PGPPublicKey k : keys) {
            PGPSecretKey secret = ring.getSecretKey(k.getKeyID());
            boolean stub = secret == null || secret.isPrivateKeyEmpty()
                    || (secret.getS2K() != null && secret.getS2K().getType() == S2K.GNU_DUMMY_S2K);
            if (!stub) {
                result.add(k);
            }
        }
        return result;
    }

    private static boolean needsPassphrase(PGPSecretKey secret) {
        return secret.getS2KUsage() != SecretKeyPacket.USAGE_NONE;
    }

    private static char[] passphraseFor(Passphrase passphrase, Path file) {
        char[] pass = passphrase.get();
        if (pass.length == 0) {
            throw new ConfigException("the secret key in " + file + " is protected by a passphrase, but none was given"
                    + " (" + passphrase.describe() + ")", "give the passphrase the key was protected with");
        }
        return pass;
    }

    private static PGPPrivateKey unlock(PGPSecretKey secret, char[] pass, Passphrase source, Path file) {
        try {
            PBESecretKeyDecryptor decryptor = new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(pass);
            PGPPrivateKey priv = secret.extractPrivateKey(decryptor);
            if (priv == null) {
                throw new PGPException("no private key material");
            }
            return priv;
        } catch (PGPException | RuntimeException e) {
            throw new ConfigException("the passphrase from " + source.describe() + " does not unlock the secret key "
                    + Hex.keyId(secret.getKeyID()) + " in " + file, "check the passphrase (gpg --export-secret-keys asks for the same one)");
        }
    }

    private static void wipe(char[] pass) {
        if (pass != null) {
            Arrays.fill(pass, '\0');
        }
    }
}
