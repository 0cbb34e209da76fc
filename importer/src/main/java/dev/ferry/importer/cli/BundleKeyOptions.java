package dev.ferry.importer.cli;

import dev.ferry.archive.keys.DecryptionKey;
import dev.ferry.archive.keys.KeyFiles;
import dev.ferry.archive.keys.Passphrase;
import dev.ferry.archive.keys.SignerKey;
import dev.ferry.cli.passphrase.PassphraseOptions;
import dev.ferry.common.ConfigException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The keys of every command that opens a bundle (verify, load, validate): the pinned signer, the decryption key and
 * where its passphrase comes from.
 */
public final class BundleKeyOptions {
    @Option(names = "--signer", required = true, paramLabel = "KEY",
            description = "The exporter's public signing key (armored), pinned: a bundle signed by any other key is refused.")
    Path signer;

    @Option(names = "--decryption-key", paramLabel = "KEY",
            description = "Your secret key (armored) that the bundle is encrypted to. Load and validate need it; "
                    + "with it, verify also decrypts and checks every part.")
    Path decryptionKey;

    @Mixin
    PassphraseOptions passphrase;

    public SignerKey signer() {
        return KeyFiles.signer(signer);
    }

    public Path signerFile() {
        return signer;
    }

    /** The decryption key file, which {@code command} cannot do without. */
    public Path decryptionKeyFile(String command) {
        if (decryptionKey == null) {
            throw new ConfigException(command + " needs --decryption-key KEY, the secret key the bundle is encrypted to",
                    "add --decryption-key with the secret key made by 'ferry-import keys generate'");
        }
        return decryptionKey;
    }

    /** The passphrase of the decryption key, read only if the key is protected. */
    public Passphrase passphrase(String command) {
        return passphrase.forKey(decryptionKeyFile(command));
    }

    /** The decryption key, unlocked, which {@code command} cannot do without. */
    public DecryptionKey decryptionKey(String command) {
        return KeyFiles.decryptionKey(decryptionKeyFile(command), passphrase(command));
    }

    /** The decryption key if one was given (verify's full check); a passphrase option without it is a mistake. */
    public Optional<DecryptionKey> decryptionKeyIfGiven() {
        if (decryptionKey == null) {
            if (passphrase.given()) {
                throw new ConfigException("a passphrase option was given without --decryption-key",
                        "add --decryption-key KEY, or drop the passphrase option");
            }
            return Optional.empty();
        }
        return Optional.of(decryptionKey("verify"));
    }
}
