package dev.ferry.cli;

import dev.ferry.cli.output.TerminalWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands (either tool, its keys): run bare, it prints its usage and exits 0. */
public abstract class CommandGroup implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public final void run() {
        HelpText.usage(spec.commandLine(), TerminalWriter.out(spec));
    }
}
