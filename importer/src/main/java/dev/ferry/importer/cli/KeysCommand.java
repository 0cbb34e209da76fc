package dev.ferry.importer.cli;

import dev.ferry.cli.CommandGroup;
import dev.ferry.cli.KeyGenerateCommand;
import picocli.CommandLine.Command;

/** {@code ferry-import keys generate}: the encryption key bundles are sealed to. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the import decryption key.",
        subcommands = {KeysCommand.Generate.class})
public final class KeysCommand extends CommandGroup {
    @Command(name = "generate",
            description = {"Generate the import encryption key.",
                "It is an Ed25519 primary key with a Cv25519 encryption subkey (or RSA-4096), written as NAME.pub.asc and "
                + "NAME.sec.asc. Give NAME.pub.asc to the Source side, which seals bundles to it; NAME.sec.asc is readable by its "
                + "owner only and stays on the Target side. Compare the printed fingerprint with the Source side out of band.",
                KeyGenerateCommand.PASSPHRASE_HELP})
    public static final class Generate extends KeyGenerateCommand {
        private static final Purpose PURPOSE = new Purpose("import encryption key", "decryption key", "ferry-encryption",
                "Ferry import recipient", "give to the Source side: bundles are sealed to it",
                "owner-only; keep on the Target side: ferry-import --decryption-key", "Source side");

        @Override
        protected Purpose purpose() {
            return PURPOSE;
        }
    }
}
