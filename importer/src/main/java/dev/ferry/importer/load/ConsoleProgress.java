package dev.ferry.importer.load;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Progress bars on stderr (stdout stays for the summary), one per store task. */
public final class ConsoleProgress implements Progress {
    private final PrintStream err;

    public ConsoleProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public Task start(String store, String what, long total, String unit) {
        boolean bytes = unit.equals("bytes");
        ProgressBar bar = new ProgressBarBuilder().setTaskName(store + " " + what).setInitialMax(total)
                .setUnit(bytes ? " MiB" : " " + unit, bytes ? 1024 * 1024 : 1).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().build();
        return new Task() {
            @Override
            public void advance(long n) {
                bar.stepBy(n);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    @Override
    public void info(String store, String message) {
        err.println("[" + store + "] " + message);
    }
}
