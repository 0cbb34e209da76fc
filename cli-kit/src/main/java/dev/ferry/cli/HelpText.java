package dev.ferry.cli;

import dev.ferry.cli.output.TerminalWriter;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.ParseResult;

/** Prints usage and version help through the terminal writer, a line at a time (the help is the program's own text). */
final class HelpText {
    private HelpText() {
    }

    /** Prints the usage of {@code command}. */
    static void usage(CommandLine command, TerminalWriter out) {
        command.getUsageMessage(Help.Ansi.OFF).lines().forEach(out::println);
        out.flush();
    }

    /** Prints the help or version asked for with --help or --version, and returns 0; null when neither was asked. */
    static Integer printIfRequested(ParseResult parsed, TerminalWriter out) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            CommandLine command = p.commandSpec().commandLine();
            if (p.isUsageHelpRequested()) {
                usage(command, out);
                return 0;
            }
            if (p.isVersionHelpRequested()) {
                command.printVersionHelp(out, Help.Ansi.OFF);
                out.flush();
                return 0;
            }
        }
        return null;
    }
}
