package dev.ferry.cli.output;

import dev.ferry.cli.Progress;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --json} and where a command's output goes, the same in every command of both tools: the result on stdout,
 * as one JSON document or as text; progress and status on stderr, none under --json.
 */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout instead of text, without progress display.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** Prints the command's result: {@code document} under --json, else what {@code text} prints. */
    public void result(Object document, Consumer<TerminalWriter> text) {
        if (json) {
            JsonOutput.print(document, out());
        } else {
            text.accept(out());
            out().flush();
        }
    }

    /** A status line for the operator on stderr ("Verifying bundle ..."); nothing under --json. */
    public void status(String line) {
        if (!json) {
            err().println(line);
        }
    }

    /** The progress reporter: bars or lines on stderr, nothing under --json. */
    public Progress progress() {
        return Progress.forConsole(json, err().stream());
    }

    public TerminalWriter out() {
        return TerminalWriter.out(command);
    }

    public TerminalWriter err() {
        return TerminalWriter.err(command);
    }
}
