package dev.ferry.cli;

import dev.ferry.common.Sizes;
import java.io.PrintStream;
import java.time.Clock;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Ferry's one progress reporter, on stderr so stdout stays clean for results: bars on a terminal, a plain line every
 * few seconds otherwise (logs, CI), nothing at all in quiet mode (--json).
 */
public final class Progress {
    /** How progress is shown. */
    public enum Mode { BARS, LINES, QUIET }

    private static final long LINE_INTERVAL_MILLIS = 5_000;

    private final Mode mode;
    private final PrintStream out;
    private final Clock clock;

    public Progress(Mode mode, PrintStream out, Clock clock) {
        this.mode = mode;
        this.out = out;
        this.clock = clock;
    }

    /** Bars when stdout/stderr is a terminal, plain lines otherwise; quiet when asked. */
    public static Progress forConsole(boolean quiet) {
        Mode mode = quiet ? Mode.QUIET : System.console() != null ? Mode.BARS : Mode.LINES;
        return new Progress(mode, System.err, Clock.systemUTC());
    }

    /**
     * A task with a counter in {@code unit} ("rows", "B", "objects"); {@code total} is -1 when unknown.
     * {@code bytes} makes the unit scale to KiB/MiB.
     */
    public Task start(String name, String unit, long total, boolean bytes) {
        return switch (mode) {
            case QUIET -> new Task(name, unit, bytes, null);
            case LINES -> new Task(name, unit, bytes, null);
            case BARS -> new Task(name, unit, bytes, new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(bytes ? " MiB" : " " + unit, bytes ? 1024 * 1024 : 1)
                    .showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .build());
        };
    }

    /** One counter being advanced; thread-safe, since objects are read in several lanes. */
    public final class Task implements AutoCloseable {
        private final String name;
        private final String unit;
        private final boolean bytes;
        private final ProgressBar bar;
        private long done;
        private long lastLine;

        private Task(String name, String unit, boolean bytes, ProgressBar bar) {
            this.name = name;
            this.unit = unit;
            this.bytes = bytes;
            this.bar = bar;
            this.lastLine = clock.millis();
        }

        public synchronized void step(long n) {
            done += n;
            if (bar != null) {
                bar.stepBy(n);
            } else if (mode == Mode.LINES && clock.millis() - lastLine >= LINE_INTERVAL_MILLIS) {
                lastLine = clock.millis();
                out.println(name + ": " + format(done));
            }
        }

        public synchronized long done() {
            return done;
        }

        private String format(long n) {
            return bytes ? Sizes.human(n) : n + " " + unit;
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.maxHint(done);
                bar.close();
            } else if (mode == Mode.LINES) {
                out.println(name + ": " + format(done) + " (done)");
            }
        }
    }
}
