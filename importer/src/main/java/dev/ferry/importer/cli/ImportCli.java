package dev.ferry.importer.cli;

import dev.ferry.cli.CliRunner;
import dev.ferry.cli.CommandGroup;
import dev.ferry.cli.KeyGenerateCommand.Purpose;
import dev.ferry.cli.KeyOwner;
import picocli.CommandLine.Command;

/** {@code ferry-import}: verify, load and validate on the Target side, and {@code keys generate} for the key bundles are sealed to. */
@Command(name = "ferry-import",
        mixinStandardHelpOptions = true,
        versionProvider = CliRunner.Version.class,
        description = {"Verify a Ferry bundle and load it into a kea Target (Keycloak, OpenFGA, PostgreSQL, object storage).",
            "Then prove that what landed equals what left."},
        subcommands = {VerifyCommand.class, LoadCommand.class, ValidateCommand.class, ReportCommand.class, UpgradeCommand.class})
public final class ImportCli extends CommandGroup implements KeyOwner {
    private static final Purpose ENCRYPTION_KEY = new Purpose("import encryption key", "decryption key",
            "an Ed25519 primary key with a Cv25519 encryption subkey", "ferry-encryption", "Ferry import recipient", "Source side",
            "which seals bundles to it with ferry-export run --recipient", "on the Target side, for ferry-import --decryption-key");

    public static void main(String[] args) {
        System.exit(CliRunner.run("ferry-import", new ImportCli(), args));
    }

    @Override
    public Purpose keyPurpose() {
        return ENCRYPTION_KEY;
    }
}
