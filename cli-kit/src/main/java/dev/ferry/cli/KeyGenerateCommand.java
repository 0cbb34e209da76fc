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
 * {@code keys generate} of both tools: where the two key files go, how the new key's passphrase is chosen, the
 * generation itself and the summary printed. What differs between the tools, the key's {@link Purpose}, comes from the
 * tool ({@link KeyOwner}); the help text and the defaults of --name and --user-id are made from it.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, defaultValueProvider = KeyGenerateCommand.Defaults.class)
@ExitCodes({ExitCode.OK, ExitCode.INTERNAL, ExitCode.USAGE, ExitCode.LOCAL_IO, ExitCode.INTERRUPTED})
public final class KeyGenerateCommand implements Callable<Integer> {
    /**
     * What a tool's key is for.
     *
     * @param title          e.g. "export signing key"
     * @param secretKeyName  e.g. "signing key", in the passphrase prompt
     * @param keyKind        e.g. "an Ed25519 signing key with a Cv25519 subkey"
     * @param defaultName    the default file name stem, e.g. "ferry-signing"
     * @param defaultUserId  the default user id, e.g. "Ferry export signer"
     * @param otherSide      who gets the public key and compares the fingerprint, e.g. "Target side"
     * @param publicKeyUse   what the other side does with it, e.g. "which pins it with ferry-import --signer"
     * @param secretKeyPlace where the secret key stays, e.g. "on the export laptop"
     */
    public record Purpose(String title, String secretKeyName, String keyKind, String defaultName, String defaultUserId,
            String otherSide, String publicKeyUse, String secretKeyPlace) {
        String[] help() {
            return new String[] {"Generate the " + title + ".",
                "It is " + keyKind + " (or RSA-4096), written as NAME.pub.asc and NAME.sec.asc. Give NAME.pub.asc to the "
                        + otherSide + ", " + publicKeyUse + "; NAME.sec.asc is readable by its owner only and stays "
                        + secretKeyPlace + ". Compare the printed fingerprint with the " + otherSide + " out of band.",
                "The passphrase comes from --passphrase-env, --passphrase-file or a prompt (typed twice); never from a flag value."};
        }
    }

    private final Purpose purpose;
    private CommandSpec spec;

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

    KeyGenerateCommand(Purpose purpose) {
        this.purpose = purpose;
    }

    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        spec.usageMessage().description(purpose.help());
    }

    /** Generates the key pair and prints its fingerprint and where each file goes. */
    @Override
    public Integer call() {
        char[] secret = passphrase.forNewKey(purpose.secretKeyName());
        KeyGenerator.Generated key = KeyGenerator.generate(dir, name, userId, algorithm, secret);
        TerminalWriter out = TerminalWriter.out(spec);
        out.println("Generated the " + purpose.title() + " " + key.userId());
        out.println("  fingerprint  " + Fingerprints.grouped(key.fingerprint()));
        out.println("  public key   " + key.publicKey() + "   (give it to the " + purpose.otherSide() + ", " + purpose.publicKeyUse() + ")");
        out.println("  secret key   " + key.secretKey() + "   (owner-only; keep it " + purpose.secretKeyPlace() + ")");
        out.println("Compare the fingerprint with the " + purpose.otherSide() + " over another channel before the first transfer.");
        out.flush();
        return ExitCode.OK.code();
    }

    /** The defaults of --name and --user-id, from the tool's {@link Purpose}. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option) || arg.command() == null
                    || !(arg.command().userObject() instanceof KeyGenerateCommand command)) {
                return null;
            }
            return switch (option.longestName()) {
                case "--name" -> command.purpose.defaultName();
                case "--user-id" -> command.purpose.defaultUserId();
                default -> null;
            };
        }
    }
}
