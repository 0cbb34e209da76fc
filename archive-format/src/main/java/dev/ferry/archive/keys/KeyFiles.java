package dev.ferry.archive.keys;

import java.nio.file.Path;

/**
 * Reads armored OpenPGP key files exactly as {@code gpg --export --armor} and {@code gpg --export-secret-keys --armor}
 * write them (RSA, Ed25519/Cv25519). Every bad input is a {@link dev.ferry.common.ConfigException} naming the file.
 * API CONTRACT — implemented by the archive-format work.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    /** A recipient's public key (encryption subkey), for sealing. */
    public static RecipientKey recipient(Path armoredPublicKey) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The pinned signer's public key, for verification. */
    public static SignerKey signer(Path armoredPublicKey) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The exporter's secret signing key. */
    public static SigningKey signingKey(Path armoredSecretKey, Passphrase passphrase) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The importer's secret decryption key. */
    public static DecryptionKey decryptionKey(Path armoredSecretKey, Passphrase passphrase) {
        throw new UnsupportedOperationException("not built yet");
    }
}
