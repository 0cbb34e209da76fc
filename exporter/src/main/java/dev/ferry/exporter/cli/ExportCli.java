package dev.ferry.exporter.cli;

import dev.ferry.cli.CliRunner;
import dev.ferry.cli.CommandGroup;
import picocli.CommandLine.Command;

@Command(name = "ferry-export",
        mixinStandardHelpOptions = true,
        versionProvider = CliRunner.Version.class,
        description = "Export a kea Source (PostgreSQL, Keycloak, OpenFGA, object storage) into one signed, encrypted bundle.",
        subcommands = {PlanCommand.class, RunCommand.class, KeysCommand.class})
public final class ExportCli extends CommandGroup {
    public static void main(String[] args) {
        System.exit(CliRunner.run("ferry-export", new ExportCli(), args));
    }
}
