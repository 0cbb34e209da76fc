package dev.ferry.importer.cli;

import dev.ferry.archive.keys.Passphrase;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options every command that opens a bundle shares: the pinned signer, the decryption key and where its
 * passphrase comes from. The passphrase is never a flag value (it would show in the process list).
 */
public final class BundleKeyOptions {
    @Option(names = "--signer", required = true, paramLabel = "KEY",
            description = "The exporter's public signing key (armored), pinned: a bundle signed by any other key is refused.")
    Path signer;

    @Option(names = "--decryption-key", required = true, paramLabel = "KEY",
            description = "Your secret key (armored) that the bundle is encrypted to.")
    Path decryptionKey;

    @ArgGroup(exclusive = true)
    PassphraseSource passphrase = new PassphraseSource();

    static final class PassphraseSource {
        @Option(names = "--passphrase-env", paramLabel = "VARIABLE", description = "Read the key's passphrase from this environment variable.")
        String env;

        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the key's passphrase from this file (mode 600).")
        Path file;

        @Option(names = "--no-passphrase", description = "The key has no passphrase (throwaway rehearsal keys only).")
        boolean none;
    }

    public Path signer() {
        return signer;
    }

    public Path decryptionKey() {
        return decryptionKey;
    }

    /** The chosen source; without an option, an interactive prompt. */
    public Passphrase passphrase() {
        if (passphrase == null) {
            return Passphrase.prompt("Passphrase of " + decryptionKey + ": ");
        }
        if (passphrase.env != null) {
            return Passphrase.fromEnv(passphrase.env);
        }
        if (passphrase.file != null) {
            return Passphrase.fromFile(passphrase.file);
        }
        if (passphrase.none) {
            return Passphrase.none();
        }
        return Passphrase.prompt("Passphrase of " + decryptionKey + ": ");
    }
}
