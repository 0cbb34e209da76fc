package dev.ferry.exporter.cli;

import dev.ferry.cli.CommandGroup;
import dev.ferry.cli.KeyGenerateCommand;

import dev.ferry.archive.keys.KeyGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry-export keys generate}: the signing key that seals bundles. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the export signing key.",
        subcommands = {KeysCommand.Generate.class})
public final class KeysCommand extends CommandGroup {
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Generate the signing key: an Ed25519 signing key with a Cv25519 subkey (or RSA-4096),",
                "written as <name>.pub.asc (give it to the Target side, which pins it with --signer) and",
                "<name>.sec.asc (owner-only; keep it on the export laptop). Prints the fingerprint to compare out of band.",
                KeyGenerateCommand.PASSPHRASE_HELP})
    public static final class Generate extends KeyGenerateCommand implements Callable<Integer> {
        private static final Purpose PURPOSE = new Purpose("export signing key", "signing key",
                "give to the Target side: ferry-import verify --signer", "owner-only; keep on the export laptop", "Target side");

        @Option(names = "--name", defaultValue = "ferry-signing", description = "File name stem (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--user-id", defaultValue = "Ferry export signer", description = "The key's user id (default: ${DEFAULT-VALUE}).")
        String userId;

        @Option(names = "--algorithm", defaultValue = "ED25519", description = "ED25519 (default) or RSA4096.")
        KeyGenerator.Algorithm algorithm;

        @Override
        public Integer call() {
            return generate(name, userId, algorithm, PURPOSE);
        }
    }

}
