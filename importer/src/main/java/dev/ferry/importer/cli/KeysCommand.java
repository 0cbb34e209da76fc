package dev.ferry.importer.cli;

import dev.ferry.archive.keys.KeyGenerator;
import dev.ferry.cli.CommandGroup;
import dev.ferry.cli.KeyGenerateCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry-import keys generate}: the encryption key bundles are sealed to. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the import decryption key.",
        subcommands = {KeysCommand.Generate.class})
public final class KeysCommand extends CommandGroup {
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Generate the encryption key: an Ed25519 primary key with a Cv25519 encryption subkey (or RSA-4096),",
                "written as <name>.pub.asc (give it to the Source side, which seals bundles to it) and",
                "<name>.sec.asc (owner-only; keep it on the Target side). Prints the fingerprint to compare out of band.",
                KeyGenerateCommand.PASSPHRASE_HELP})
    public static final class Generate extends KeyGenerateCommand implements Callable<Integer> {
        private static final Purpose PURPOSE = new Purpose("import encryption key", "decryption key",
                "give to the Source side: bundles are sealed to it", "owner-only; keep on the Target side: ferry-import --decryption-key",
                "Source side");

        @Option(names = "--name", defaultValue = "ferry-encryption", description = "File name stem (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--user-id", defaultValue = "Ferry import recipient", description = "The key's user id (default: ${DEFAULT-VALUE}).")
        String userId;

        @Option(names = "--algorithm", defaultValue = "ED25519", description = "ED25519 (default: Ed25519 + Cv25519) or RSA4096.")
        KeyGenerator.Algorithm algorithm;

        @Override
        public Integer call() {
            return generate(name, userId, algorithm, PURPOSE);
        }
    }
}
