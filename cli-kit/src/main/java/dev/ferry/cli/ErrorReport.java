package dev.ferry.cli;

import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.common.ExitCode;
import dev.ferry.common.FerryException;
import dev.ferry.common.ToolVersion;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * How a command that failed is reported, in both tools: what is wrong and what to do, in words. The Java exception
 * and its stack trace are technical details for a bug report: shown only with {@value CliRunner#VERBOSE}.
 */
final class ErrorReport {
    private final String tool;
    private final TerminalWriter err;
    private final boolean verbose;

    ErrorReport(String tool, TerminalWriter err, boolean verbose) {
        this.tool = tool;
        this.err = err;
        this.verbose = verbose;
    }

    /** Prints the failure of {@code command} (e.g. "ferry-import load") and returns the exit code. */
    int print(Throwable ex, String command) {
        Throwable cause = ex;
        while (!(cause instanceof FerryException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        ExitCode code;
        if (cause instanceof FerryException fe) {
            err.println(tool + ": error: " + fe.problem());
            if (!fe.fix().isBlank()) {
                err.println("  What to do: " + fe.fix());
            }
            code = fe.exitCode();
        } else if (ex instanceof InterruptedException) {
            err.println(tool + ": interrupted.");
            code = ExitCode.INTERRUPTED;
        } else {
            err.println(tool + ": internal error: '" + command + "' stopped on a failure Ferry " + ToolVersion.get()
                    + " does not expect: this is a bug.");
            err.println("  What to do: re-run the same command with " + CliRunner.VERBOSE
                    + " and report its output (it holds the technical details).");
            code = ExitCode.INTERNAL;
        }
        if (verbose) {
            err.println("Technical details:");
            trace(ex, "", Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        err.flush();
        return code.code();
    }

    /** The stack trace, one escaped line per frame (a message may hold text from a bundle or a store). */
    private void trace(Throwable t, String caption, Set<Throwable> seen) {
        if (!seen.add(t)) {
            err.println("  " + caption + "(the same exception again)");
            return;
        }
        err.println("  " + caption + t);
        for (StackTraceElement frame : t.getStackTrace()) {
            err.println("      at " + frame);
        }
        for (Throwable suppressed : t.getSuppressed()) {
            trace(suppressed, "Suppressed: ", seen);
        }
        if (t.getCause() != null) {
            trace(t.getCause(), "Caused by: ", seen);
        }
    }
}
