package dev.ferry.importer.cli;

import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.archive.keys.PassphraseChoice;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry-import keys generate}: the encryption key bundles are sealed to. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the import decryption key.",
        subcommands = {KeysCommand.Generate.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Generate the encryption key: an Ed25519 primary key with a Cv25519 encryption subkey (or RSA-4096),",
                "written as <name>.pub.asc (give it to the Source side, which seals bundles to it) and",
                "<name>.sec.asc (owner-only; keep it on the Target side). Prints the fingerprint to compare out of band.",
                "The passphrase comes from --passphrase-env, --passphrase-file or a prompt; never from a flag value."})
    public static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--name", defaultValue = "ferry-encryption", description = "File name stem (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--dir", defaultValue = ".", description = "Directory to write the two files in (default: current).")
        Path dir;

        @Option(names = "--user-id", defaultValue = "Ferry import recipient", description = "The key's user id (default: ${DEFAULT-VALUE}).")
        String userId;

        @Option(names = "--algorithm", defaultValue = "ED25519", description = "ED25519 (default: Ed25519 + Cv25519) or RSA4096.")
        KeyGenerator.Algorithm algorithm;

        @Option(names = "--passphrase-env", paramLabel = "NAME", description = "Read the new key's passphrase from this environment variable.")
        String passphraseEnv;

        @Option(names = "--passphrase-file", paramLabel = "PATH", description = "Read the new key's passphrase from this file (first line).")
        Path passphraseFile;

        @Option(names = "--no-passphrase", description = "Leave the secret key unprotected (throwaway keys only).")
        boolean noPassphrase;

        @Override
        public Integer call() {
            char[] passphrase = PassphraseChoice.forNewKey(passphraseEnv, passphraseFile, noPassphrase, "passphrase for the new decryption key");
            KeyGenerator.Generated key = KeyGenerator.generate(dir, name, userId, algorithm, passphrase);
            var out = spec.commandLine().getOut();
            out.println("Generated the import encryption key " + key.userId());
            out.println("  fingerprint  " + dev.ferry.exporter.cli.KeysCommand.KeysText.grouped(key.fingerprint()));
            out.println("  public key   " + key.publicKey() + "   (give to the Source side: bundles are sealed to it)");
            out.println("  secret key   " + key.secretKey() + "   (owner-only; keep on the Target side: ferry-import --decryption-key)");
            out.println("Compare the fingerprint with the Source side over another channel before the first transfer.");
            out.flush();
            return 0;
        }
    }
}
