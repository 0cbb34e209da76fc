package dev.ferry.cli;

import picocli.CommandLine.Command;

/** {@code keys}: the group of a tool's key commands (today {@code generate}), added by {@link CliRunner}. */
@Command(name = "keys", mixinStandardHelpOptions = true)
final class KeysCommand extends CommandGroup {
}
