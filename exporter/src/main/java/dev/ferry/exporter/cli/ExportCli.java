package dev.ferry.exporter.cli;

import dev.ferry.cli.CliRunner;
import dev.ferry.cli.CommandGroup;
import dev.ferry.cli.KeyGenerateCommand.Purpose;
import dev.ferry.cli.KeyOwner;
import picocli.CommandLine.Command;

/** {@code ferry-export}: plan and run on the Source side, and {@code keys generate} for the signing key that seals bundles. */
@Command(name = "ferry-export",
        mixinStandardHelpOptions = true,
        versionProvider = CliRunner.Version.class,
        description = "Export a kea Source (PostgreSQL, Keycloak, OpenFGA, object storage) into one signed, encrypted bundle.",
        subcommands = {PlanCommand.class, RunCommand.class})
public final class ExportCli extends CommandGroup implements KeyOwner {
    private static final Purpose SIGNING_KEY = new Purpose("export signing key", "signing key",
            "an Ed25519 signing key with a Cv25519 subkey", "ferry-signing", "Ferry export signer", "Target side",
            "which pins it with ferry-import --signer", "on the export laptop");

    public static void main(String[] args) {
        System.exit(CliRunner.run("ferry-export", new ExportCli(), args));
    }

    @Override
    public Purpose keyPurpose() {
        return SIGNING_KEY;
    }
}
