package dev.ferry.importer.cli;

import dev.ferry.cli.CliRunner;
import dev.ferry.cli.CommandGroup;

import picocli.CommandLine.Command;

@Command(name = "ferry-import",
        mixinStandardHelpOptions = true,
        versionProvider = CliRunner.Version.class,
        description = "Verify a Ferry bundle and load it into a kea Target (Keycloak, OpenFGA, PostgreSQL, object storage), then prove what landed equals what left.",
        subcommands = {VerifyCommand.class, LoadCommand.class, ValidateCommand.class, KeysCommand.class, UpgradeCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  internal error (a bug)", "  2  usage or configuration error",
            "  3  verification failure", "  4  store error (connection, authentication, server)",
            "  5  validation mismatch", "  130 interrupted"})
public final class ImportCli extends CommandGroup {
    public static void main(String[] args) {
        System.exit(CliRunner.run("ferry-import", new ImportCli(), args));
    }
}
