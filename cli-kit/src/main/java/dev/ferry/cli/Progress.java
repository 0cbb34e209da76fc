package dev.ferry.cli;

import dev.ferry.cli.output.SafeText;
import dev.ferry.common.Sizes;
import java.io.PrintStream;
import java.time.Clock;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Ferry's one progress reporter, used by the export and the load alike, on stderr so stdout stays clean for results:
 * bars on a terminal, a plain line every few seconds otherwise (logs, CI), nothing at all in quiet mode (--json).
 * Besides counters it prints one-line status messages per store. Names and messages go through {@link SafeText}:
 * they may carry a realm, a store id or a key from the other side.
 */
public final class Progress {
    /** How progress is shown. */
    public enum Mode { BARS, LINES, QUIET }

    /** The unit whose counters are shown scaled (KiB, MiB, ...); any other unit is a plain count. */
    public static final String BYTES = "bytes";

    private static final long LINE_INTERVAL_MILLIS = 5_000;

    private final Mode mode;
    private final PrintStream out;
    private final Clock clock;

    public Progress(Mode mode, PrintStream out, Clock clock) {
        this.mode = mode;
        this.out = out;
        this.clock = clock;
    }

    /** On {@code err}: bars when this runs on a terminal, plain lines otherwise; nothing when {@code quiet} (--json). */
    public static Progress forConsole(boolean quiet, PrintStream err) {
        Mode mode = quiet ? Mode.QUIET : System.console() != null ? Mode.BARS : Mode.LINES;
        return new Progress(mode, err, Clock.systemUTC());
    }

    /** Reports nothing. */
    public static Progress quiet() {
        return new Progress(Mode.QUIET, System.err, Clock.systemUTC());
    }

    /**
     * A counter of {@code what} in {@code store}, e.g. ("postgres", "rows", -1, "rows") or ("objects", "objects", n,
     * {@link #BYTES}); {@code total} is -1 when unknown.
     */
    public Task start(String store, String what, long total, String unit) {
        String name = SafeText.escape(what.equals(store) ? store : store + " " + what);
        boolean bytes = unit.equals(BYTES);
        String safeUnit = SafeText.escape(unit);
        ProgressBar bar = mode != Mode.BARS ? null : new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(bytes ? " MiB" : " " + safeUnit, bytes ? 1024 * 1024 : 1)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
        return new Task(name, safeUnit, bytes, bar);
    }

    /** A one-line status for a store, e.g. ("keycloak", "realm app exists: merging with SKIP"); nothing when quiet. */
    public void info(String store, String message) {
        if (mode != Mode.QUIET) {
            out.println("[" + SafeText.escape(store) + "] " + SafeText.escape(message));
        }
    }

    /** One counter being advanced; thread-safe, since objects are read and written in several lanes. */
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

        public synchronized void advance(long n) {
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
