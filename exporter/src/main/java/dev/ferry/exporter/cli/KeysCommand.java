package dev.ferry.exporter.cli;

import dev.ferry.cli.CommandGroup;
import dev.ferry.cli.KeyGenerateCommand;
import picocli.CommandLine.Command;

/** {@code ferry-export keys generate}: the signing key that seals bundles. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the export signing key.",
        subcommands = {KeysCommand.Generate.class})
public final class KeysCommand extends CommandGroup {
    @Command(name = "generate",
            description = {"Generate the export signing key.",
                "It is an Ed25519 signing key with a Cv25519 subkey (or RSA-4096), written as NAME.pub.asc and NAME.sec.asc. "
                + "Give NAME.pub.asc to the Target side, which pins it with --signer; NAME.sec.asc is readable by its owner only "
                + "and stays on the export laptop. Compare the printed fingerprint with the Target side out of band.",
                KeyGenerateCommand.PASSPHRASE_HELP})
    public static final class Generate extends KeyGenerateCommand {
        private static final Purpose PURPOSE = new Purpose("export signing key", "signing key", "ferry-signing", "Ferry export signer",
                "give to the Target side: ferry-import verify --signer", "owner-only; keep on the export laptop", "Target side");

        @Override
        protected Purpose purpose() {
            return PURPOSE;
        }
    }
}
