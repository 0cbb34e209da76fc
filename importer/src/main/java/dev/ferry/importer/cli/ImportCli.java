package dev.ferry.importer.cli;

import dev.ferry.cli.CliRunner;
import dev.ferry.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "ferry-import",
        mixinStandardHelpOptions = true,
        versionProvider = CliRunner.Version.class,
        description = {"Verify a Ferry bundle and load it into a kea Target (Keycloak, OpenFGA, PostgreSQL, object storage).",
            "Then prove that what landed equals what left."},
        subcommands = {VerifyCommand.class, LoadCommand.class, ValidateCommand.class, KeysCommand.class})
public final class ImportCli extends CommandGroup {
    public static void main(String[] args) {
        System.exit(CliRunner.run("ferry-import", new ImportCli(), args));
    }
}
