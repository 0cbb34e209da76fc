package dev.ferry.common;

import java.util.Locale;

/** Human-readable byte sizes for plans and summaries (binary units, as operators read them from df and mc du). */
public final class Sizes {
    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    /** Throughput over a duration, e.g. "85.3 MiB/s". */
    public static String rate(long bytes, long nanos) {
        if (nanos <= 0) {
            return "-";
        }
        return human((long) (bytes / (nanos / 1e9))) + "/s";
    }
}
