package dev.ferry.cli;

import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.PassphraseChoice;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What both tools' {@code keys generate} share: where the two key files go, how the new key's passphrase is chosen,
 * the generation itself and the summary printed. Each tool's subclass states its key's purpose: the help text, the
 * options whose defaults name that key (--name, --user-id, --algorithm) and a {@link Purpose}.
 */
public abstract class KeyGenerateCommand {
    /** The help line on the passphrase, the same in both tools. */
    public static final String PASSPHRASE_HELP =
            "The passphrase comes from --passphrase-env, --passphrase-file or a prompt; never from a flag value.";

    /**
     * How the summary names the key and says where each half goes.
     *
     * @param title         e.g. "export signing key", after "Generated the"
     * @param secretKeyName e.g. "signing key", in the passphrase prompt
     * @param publicKeyNote where the public key goes
     * @param secretKeyNote where the secret key stays
     * @param otherSide     who compares the fingerprint, e.g. "Target side"
     */
    public record Purpose(String title, String secretKeyName, String publicKeyNote, String secretKeyNote, String otherSide) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", defaultValue = ".", description = "Directory to write the two files in (default: current).")
    Path dir;

    @Option(names = "--passphrase-env", paramLabel = "NAME", description = "Read the new key's passphrase from this environment variable.")
    String passphraseEnv;

    @Option(names = "--passphrase-file", paramLabel = "PATH", description = "Read the new key's passphrase from this file (first line).")
    Path passphraseFile;

    @Option(names = "--no-passphrase", description = "Leave the secret key unprotected (throwaway keys only).")
    boolean noPassphrase;

    /** Generates the key pair and prints its fingerprint and where each file goes; returns the exit code. */
    protected final int generate(String name, String userId, KeyGenerator.Algorithm algorithm, Purpose purpose) {
        char[] passphrase = PassphraseChoice.forNewKey(passphraseEnv, passphraseFile, noPassphrase,
                "passphrase for the new " + purpose.secretKeyName());
        KeyGenerator.Generated key = KeyGenerator.generate(dir, name, userId, algorithm, passphrase);
        var out = spec.commandLine().getOut();
        out.println("Generated the " + purpose.title() + " " + key.userId());
        out.println("  fingerprint  " + Fingerprints.grouped(key.fingerprint()));
        out.println("  public key   " + key.publicKey() + "   (" + purpose.publicKeyNote() + ")");
        out.println("  secret key   " + key.secretKey() + "   (" + purpose.secretKeyNote() + ")");
        out.println("Compare the fingerprint with the " + purpose.otherSide() + " over another channel before the first transfer.");
        out.flush();
        return 0;
    }
}
