package dev.ferry.cli;

import dev.ferry.cli.output.TerminalWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Prints usage and version help through the terminal writer, a line at a time (the help is the program's own text),
 * and checks that the help is written in whole sentences.
 */
public final class HelpText {
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

    /**
     * Every description paragraph of {@code command} and its subcommands, options and parameters that is not a whole
     * sentence (a capital first, a full stop last), as "command: text"; empty when the help reads well.
     */
    public static List<String> notWholeSentences(Object command) {
        List<String> problems = new ArrayList<>();
        collect(CliRunner.commandLine(command), problems);
        return problems;
    }

    private static void collect(CommandLine command, List<String> problems) {
        CommandSpec spec = command.getCommandSpec();
        List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
        spec.args().forEach(arg -> texts.add(String.join(" ", arg.description())));
        for (String text : texts) {
            String t = text.strip();
            if (t.isEmpty() || !Character.isUpperCase(t.codePointAt(0)) && Character.isLetter(t.codePointAt(0))
                    || ".?!".indexOf(t.charAt(t.length() - 1)) < 0) {
                problems.add(spec.qualifiedName() + ": " + t);
            }
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, problems));
    }
}
