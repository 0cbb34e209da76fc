package dev.ferry.tests.rehearsal;

import dev.ferry.common.CauseDetail;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs the rehearsal's steps in order with one progress line each ("[3/10] Export the Source ... ok (12.3 s)"); the
 * first failing step ends the rehearsal with a line that names it.
 */
final class Steps {
    private final PrintStream out;
    private final int total;
    private int current;

    Steps(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** A step's work: returns an exit code (0 = success), like the CLIs it drives. */
    @FunctionalInterface
    interface Work {
        int run() throws Exception;
    }

    /** Runs one step; throws {@link StepFailed} when it does not succeed. */
    void run(String title, Work work) {
        current++;
        String label = String.format(Locale.ROOT, "[%d/%d] %s", current, total, title);
        out.println(label + " ...");
        out.flush();
        long start = System.nanoTime();
        int code;
        try {
            code = work.run();
        } catch (Exception e) {
            throw new StepFailed(label, 1, CauseDetail.of(e).orElse("it stopped on a failure that gave no message"), e);
        }
        String took = seconds(Duration.ofNanos(System.nanoTime() - start));
        if (code != 0) {
            throw new StepFailed(label, code, "exit code " + code + " after " + took, null);
        }
        out.println(label + " ... ok (" + took + ")");
        out.flush();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A step that did not succeed: which one, its exit code and why. */
    static final class StepFailed extends RuntimeException {
        final String step;
        final int exitCode;

        StepFailed(String step, int exitCode, String why, Throwable cause) {
            super(step + " failed: " + why, cause);
            this.step = step;
            this.exitCode = exitCode;
        }
    }
}
