package dev.ferry.exporter.cli;

import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.PassphraseChoice;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry-export keys generate}: the signing key that seals bundles. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the export signing key.",
        subcommands = {KeysCommand.Generate.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Generate the signing key: an Ed25519 signing key with a Cv25519 subkey (or RSA-4096),",
                "written as <name>.pub.asc (give it to the Target side, which pins it with --signer) and",
                "<name>.sec.asc (owner-only; keep it on the export laptop). Prints the fingerprint to compare out of band.",
                "The passphrase comes from --passphrase-env, --passphrase-file or a prompt; never from a flag value."})
    public static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", defaultValue = "ferry-signing", description = "File name stem (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--dir", defaultValue = ".", description = "Directory to write the two files in (default: current).")
        Path dir;

        @Option(names = "--user-id", defaultValue = "Ferry export signer", description = "The key's user id (default: ${DEFAULT-VALUE}).")
        String userId;

        @Option(names = "--algorithm", defaultValue = "ED25519", description = "ED25519 (default) or RSA4096.")
        KeyGenerator.Algorithm algorithm;

        @Option(names = "--passphrase-env", paramLabel = "NAME", description = "Read the new key's passphrase from this environment variable.")
        String passphraseEnv;

        @Option(names = "--passphrase-file", paramLabel = "PATH", description = "Read the new key's passphrase from this file (first line).")
        Path passphraseFile;

        @Option(names = "--no-passphrase", description = "Leave the secret key unprotected (throwaway keys only).")
        boolean noPassphrase;

        @Override
        public Integer call() {
            char[] passphrase = PassphraseChoice.forNewKey(passphraseEnv, passphraseFile, noPassphrase, "passphrase for the new signing key");
            KeyGenerator.Generated key = KeyGenerator.generate(dir, name, userId, algorithm, passphrase);
            var out = spec.commandLine().getOut();
            out.println("Generated the export signing key " + key.userId());
            out.println("  fingerprint  " + KeysText.grouped(key.fingerprint()));
            out.println("  public key   " + key.publicKey() + "   (give to the Target side: ferry-import verify --signer)");
            out.println("  secret key   " + key.secretKey() + "   (owner-only; keep on the export laptop)");
            out.println("Compare the fingerprint with the Target side over another channel before the first transfer.");
            out.flush();
            return 0;
        }
    }

    /** Fingerprint display shared by both tools' key commands. */
    public static final class KeysText {
        private KeysText() {
        }

        /** "ABCD 1234 ..." in groups of four, as gpg prints fingerprints. */
        public static String grouped(String fingerprint) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < fingerprint.length(); i += 4) {
                if (i > 0) {
                    b.append(i == 20 ? "  " : " ");
                }
                b.append(fingerprint, i, Math.min(i + 4, fingerprint.length()));
            }
            return b.toString();
        }
    }
}
