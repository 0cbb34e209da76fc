package dev.ferry.importer.report;

import java.time.Duration;

/** Human-readable durations, the same in every renderer. */
final class Durations {
    private Durations() {
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s / 3600 > 0 ? String.format(java.util.Locale.ROOT, "%dh %02dm %02ds", s / 3600, (s / 60) % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
}
