package dev.ferry.archive;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.keys.RecipientKey;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.archive.keys.SigningKey;
import java.nio.file.Path;

/** A freshly generated key pair of each role, unprotected, in a test's temporary directory. */
public record TestKeys(Path dir, KeyGenerator.Generated signingFiles, KeyGenerator.Generated encryptionFiles) {

    public static TestKeys create(Path dir) {
        return create(dir, "signer", "recipient", KeyGenerator.Algorithm.ED25519);
    }

    public static TestKeys create(Path dir, String signerName, String recipientName, KeyGenerator.Algorithm algorithm) {
        KeyGenerator.Generated s = KeyGenerator.generate(dir, signerName, "Ferry test signer <" + signerName + "@example.org>", algorithm, new char[0]);
        KeyGenerator.Generated r = KeyGenerator.generate(dir, recipientName, "Ferry test recipient <" + recipientName + "@example.org>", algorithm, new char[0]);
        return new TestKeys(dir, s, r);
    }

    public SigningKey signing() {
        return KeyFiles.signingKey(signingFiles.secretKey(), Passphrase.none());
    }

    public SignerKey signer() {
        return KeyFiles.signer(signingFiles.publicKey());
    }

    public RecipientKey recipient() {
        return KeyFiles.recipient(encryptionFiles.publicKey());
    }

    public DecryptionKey decryption() {
        return KeyFiles.decryptionKey(encryptionFiles.secretKey(), Passphrase.none());
    }
}
