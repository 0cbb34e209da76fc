package dev.ferry.cli;

import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.cli.passphrase.PassphraseOptions;
import dev.ferry.common.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Both tools' {@code keys generate}: where the two key files go, how the new key's passphrase is chosen, the
 * generation itself and the summary printed. Each tool's subclass states its key's {@link Purpose} (and its help text);
 * the defaults of --name and --user-id come from it.
 */
@Command(mixinStandardHelpOptions = true, defaultValueProvider = KeyGenerateCommand.Defaults.class)
@ExitCodes({ExitCode.OK, ExitCode.INTERNAL, ExitCode.USAGE, ExitCode.LOCAL_IO, ExitCode.INTERRUPTED})
public abstract class KeyGenerateCommand implements Callable<Integer> {
    /** The help paragraph on the passphrase, the same in both tools. */
    public static final String PASSPHRASE_HELP =
            "The passphrase comes from --passphrase-env, --passphrase-file or a prompt (typed twice); never from a flag value.";

    /**
     * What the key is for, and how the summary names it.
     *
     * @param title         e.g. "export signing key", after "Generated the"
     * @param secretKeyName e.g. "signing key", in the passphrase prompt
     * @param defaultName   the default file name stem, e.g. "ferry-signing"
     * @param defaultUserId the default user id, e.g. "Ferry export signer"
     * @param publicKeyNote where the public key goes
     * @param secretKeyNote where the secret key stays
     * @param otherSide     who compares the fingerprint, e.g. "Target side"
     */
    public record Purpose(String title, String secretKeyName, String defaultName, String defaultUserId, String publicKeyNote,
            String secretKeyNote, String otherSide) {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".", description = "The directory to write the two files in (default: the current one).")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", description = "The file name stem: NAME.pub.asc and NAME.sec.asc (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--user-id", paramLabel = "TEXT", description = "The key's user id (default: ${DEFAULT-VALUE}).")
    String userId;

    @Option(names = "--algorithm", paramLabel = "ALGORITHM", defaultValue = "ED25519",
            description = "ED25519 (the default: an Ed25519 primary key with a Cv25519 subkey) or RSA4096.")
    KeyGenerator.Algorithm algorithm;

    @Mixin
    PassphraseOptions passphrase;

    /** What this tool's key is for. */
    protected abstract Purpose purpose();

    /** Generates the key pair and prints its fingerprint and where each file goes. */
    @Override
    public Integer call() {
        Purpose purpose = purpose();
        char[] secret = passphrase.forNewKey(purpose.secretKeyName());
        KeyGenerator.Generated key = KeyGenerator.generate(dir, name, userId, algorithm, secret);
        TerminalWriter out = TerminalWriter.out(spec);
        out.println("Generated the " + purpose.title() + " " + key.userId());
        out.println("  fingerprint  " + Fingerprints.grouped(key.fingerprint()));
        out.println("  public key   " + key.publicKey() + "   (" + purpose.publicKeyNote() + ")");
        out.println("  secret key   " + key.secretKey() + "   (" + purpose.secretKeyNote() + ")");
        out.println("Compare the fingerprint with the " + purpose.otherSide() + " over another channel before the first transfer.");
        out.flush();
        return ExitCode.OK.code();
    }

    /** The defaults of --name and --user-id, from the subclass's {@link Purpose}. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option) || arg.command() == null
                    || !(arg.command().userObject() instanceof KeyGenerateCommand command)) {
                return null;
            }
            return switch (option.longestName()) {
                case "--name" -> command.purpose().defaultName();
                case "--user-id" -> command.purpose().defaultUserId();
                default -> null;
            };
        }
    }
}
