package dev.ferry.cli;

import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.common.ExitCode;
import dev.ferry.common.FerryException;
import dev.ferry.common.ToolVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * Runs a picocli command tree with Ferry's contract, the same for ferry-export and ferry-import:
 * <ul>
 * <li>all output goes through {@link TerminalWriter}s, which escape every control character;</li>
 * <li>one {@value #VERBOSE} option, inherited by every subcommand, shows the technical details of an error;</li>
 * <li>every command's help ends with its exit codes, written from {@link ExitCode#meaning()};</li>
 * <li>a {@link FerryException} prints its problem and fix and exits with its code; a usage error exits 2; anything
 * else is a bug, said in words (the exception and its stack trace only with {@value #VERBOSE}).</li>
 * </ul>
 */
public final class CliRunner {
    public static final String VERBOSE = "--verbose";

    private CliRunner() {
    }

    /** Runs a tool on stdout and stderr; returns its exit code. */
    public static int run(String toolName, Object command, String... args) {
        return run(toolName, command, System.out, System.err, args);
    }

    /** What a run in this JVM printed, for the rehearsal and tests. */
    public record Captured(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** Runs a tool in this JVM and returns its exit code and what it printed (results, errors, progress). */
    public static Captured capture(String toolName, Object command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = run(toolName, command, o, e, args);
        }
        return new Captured(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a tool with its results on {@code stdout} and its errors, status and progress on {@code stderr}. */
    public static int run(String toolName, Object command, PrintStream stdout, PrintStream stderr, String... args) {
        CommandLine cli = commandLine(command);
        TerminalWriter out = new TerminalWriter(stdout);
        TerminalWriter err = new TerminalWriter(stderr);
        // Set on the top command, these reach every subcommand.
        cli.setOut(out);
        cli.setErr(err);
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cli.setExecutionStrategy(parsed -> {
            Integer help = HelpText.printIfRequested(parsed, out);
            return help != null ? help : new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((ex, failed, parsed) ->
                new ErrorReport(toolName, err, verbose(parsed)).print(ex, failed.getCommandSpec().qualifiedName()));
        cli.setParameterExceptionHandler((ex, ignored) -> {
            err.println(toolName + ": error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("  What to do: run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCode.USAGE.code();
        });
        return cli.execute(args);
    }

    /**
     * A tool's whole command tree as both tools share it: {@code keys generate} for a {@link KeyOwner}, one
     * {@value #VERBOSE} inherited by every command, and the exit codes at the end of every help.
     */
    public static CommandLine commandLine(Object command) {
        CommandLine cli = new CommandLine(command);
        if (command instanceof KeyOwner owner) {
            KeyGenerateCommand.Purpose purpose = owner.keyPurpose();
            CommandLine keys = new CommandLine(new KeysCommand()).addSubcommand(new KeyGenerateCommand(purpose));
            keys.getCommandSpec().usageMessage().description("Manage the " + purpose.title() + ".");
            cli.addSubcommand(keys);
        }
        cli.getCommandSpec().addOption(OptionSpec.builder(VERBOSE)
                .scopeType(ScopeType.INHERIT)
                .type(boolean.class)
                .description("Show the technical details of an error (stack trace), for a bug report.")
                .build());
        listExitCodes(cli, true);
        return cli;
    }

    /** Whether --verbose was given, at any level of the command line. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /** Every command lists the codes it declares with {@link ExitCodes}, or all; a group of subcommands (keys) lists none. */
    private static void listExitCodes(CommandLine command, boolean top) {
        ExitCodes declared = command.getCommandSpec().userObject().getClass().getAnnotation(ExitCodes.class);
        boolean group = command.getCommandSpec().userObject() instanceof CommandGroup && !top;
        Set<ExitCode> codes = declared != null ? Set.of(declared.value()) : group ? Set.of() : EnumSet.allOf(ExitCode.class);
        if (!codes.isEmpty()) {
            Map<String, String> list = new LinkedHashMap<>();
            for (ExitCode code : ExitCode.values()) {
                if (codes.contains(code)) {
                    list.put(Integer.toString(code.code()), code.meaning());
                }
            }
            command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(list);
        }
        command.getSubcommands().values().forEach(sub -> listExitCodes(sub, false));
    }

    /** picocli version provider shared by both tools. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"${COMMAND-FULL-NAME} " + ToolVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
