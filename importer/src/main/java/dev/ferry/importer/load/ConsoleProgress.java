package dev.ferry.importer.load;

import java.io.PrintStream;

/**
 * The loaders' progress on the console through Ferry's one progress reporter ({@link dev.ferry.cli.Progress}:
 * bars on a terminal, plain lines in a log), plus one-line status messages; everything on stderr, so stdout holds only
 * the summary.
 */
public final class ConsoleProgress implements Progress {
    private final dev.ferry.cli.Progress bars;
    private final PrintStream err;

    public ConsoleProgress(PrintStream err) {
        this.bars = dev.ferry.cli.Progress.forConsole(false);
        this.err = err;
    }

    @Override
    public Task start(String store, String what, long total, String unit) {
        boolean bytes = unit.equals("bytes");
        dev.ferry.cli.Progress.Task task = bars.start(store + " " + what, bytes ? "B" : unit, total, bytes);
        return new Task() {
            @Override
            public void advance(long n) {
                task.step(n);
            }

            @Override
            public void close() {
                task.close();
            }
        };
    }

    @Override
    public void info(String store, String message) {
        err.println("[" + store + "] " + message);
    }
}
