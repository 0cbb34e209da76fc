package dev.ferry.cli;

import dev.ferry.common.ExitCode;
import dev.ferry.common.FerryException;
import dev.ferry.common.ToolVersion;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command tree with Ferry's error contract, shared by ferry-export and ferry-import:
 * a {@link FerryException} prints its problem and fix and exits with its code; a usage error exits 2;
 * anything else is a bug, reported in one line (the stack trace only with --verbose).
 */
public final class CliRunner {
    private CliRunner() {
    }

    public static int run(String toolName, Object command, String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(toolName, ex, commandLine.getErr(), verbose));
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println(toolName + ": " + ex.getMessage());
            err.println("  Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE.code();
        });
        return cli.execute(args);
    }

    static int report(String toolName, Throwable ex, PrintWriter err, boolean verbose) {
        Throwable cause = ex;
        while (!(cause instanceof FerryException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof FerryException fe) {
            err.println(toolName + ": error: " + fe.problem());
            if (!fe.fix().isBlank()) {
                err.println("  What to do: " + fe.fix());
            }
            if (verbose) {
                fe.printStackTrace(err);
            }
            err.flush();
            return fe.exitCode().code();
        }
        if (ex instanceof InterruptedException) {
            err.println(toolName + ": interrupted.");
            err.flush();
            return ExitCode.INTERRUPTED.code();
        }
        err.println(toolName + ": internal error: " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        err.println("  This is a bug in Ferry " + ToolVersion.get()
                + ". Re-run with --verbose and report the output.");
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL.code();
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
