package dev.ferry.importer.report;

import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.importer.validate.CheckGroups;
import dev.ferry.importer.validate.CheckResult;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.Reminder;
import dev.ferry.importer.validate.StoreTally;
import dev.ferry.importer.validate.ValidationReport;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The checklist as a table for the operator's terminal: one line per check, the differences under a failed one. */
public final class TerminalReport {
    private static final int CELL = 34;

    public void render(ValidationReport report, TerminalWriter out) {
        var b = report.bundle();
        out.println("Validation of the Target against bundle " + b.bundleId() + " (source \"" + b.sourceLabel()
                + "\", sealed " + b.createdAt() + ")");
        out.println();
        List<CheckResult> checks = report.checks();
        int titleWidth = Math.min(60, checks.stream().mapToInt(c -> c.title().length()).max().orElse(5));
        String row = "%-6s %-11s %-" + titleWidth + "s  %-" + CELL + "s  %s%n";
        out.printf(row, "RESULT", "STORE", "CHECK", "EXPECTED (bundle)", "ACTUAL (Target)");
        for (CheckGroups.Group g : CheckGroups.of(checks)) {
            if (!g.heading().isEmpty()) {
                out.println("  " + HtmlReport.storeName(g.store()) + " / " + g.heading() + ": " + g.status()
                        + (g.differenceCount() == 0 ? "" : ", " + g.differenceCount() + " difference(s)"));
            }
            for (CheckResult c : g.checks()) {
                check(out, row, titleWidth, c);
            }
        }
        out.println();
        out.println("Counts per store (bundle / Target) and time taken:");
        for (StoreTally t : report.stores()) {
            out.println("  " + t.store() + " (" + Durations.human(t.duration()) + "): " + counts(t));
        }
        if (!report.reminders().isEmpty()) {
            out.println();
            out.println("Needs a person (not checked by Ferry):");
            for (Reminder r : report.reminders()) {
                out.println("  * " + r.title() + (r.subjects().isEmpty() ? "" : " (" + r.subjects().size() + ")"));
                out.println("    " + r.detail());
                for (String s : r.subjects()) {
                    out.println("      - " + s);
                }
            }
        }
        DroppedTuplesSection.terminal(report.dropped(), out);
        out.println();
        out.println(verdictLine(report));
        out.flush();
    }

    private static void check(TerminalWriter out, String row, int titleWidth, CheckResult c) {
        out.printf(row, c.status(), c.store(), cut(c.title(), titleWidth), cut(c.expected(), CELL), cut(c.actual(), CELL));
        if (c.actual().length() > CELL) {
            // A merged table's counts say why it passes; they do not fit the cell.
            out.println("         Target: " + c.actual());
        }
        for (String d : c.differences()) {
            out.println("         - " + d);
        }
        if (c.omitted() > 0) {
            out.println("         … and " + c.omitted() + " more difference(s)");
        }
    }

    static String verdictLine(ValidationReport report) {
        long total = report.checks().size();
        return switch (report.verdict()) {
            case PASS -> "PASS: all " + total + " checks passed in " + Durations.human(report.totalDuration())
                    + ". The Target matches the bundle.";
            case FAIL -> "FAIL: " + report.count(CheckStatus.FAIL) + " of " + total
                    + " checks found differences. Do not cut over.";
            case ERROR -> "ERROR: " + report.count(CheckStatus.ERROR) + " of " + total
                    + " checks could not read their store" + (report.count(CheckStatus.FAIL) > 0
                            ? " and " + report.count(CheckStatus.FAIL) + " found differences" : "")
                    + ". Do not cut over.";
        };
    }

    private static String counts(StoreTally t) {
        StringBuilder sb = new StringBuilder();
        TreeSet<String> names = new TreeSet<>(t.expected().keySet());
        names.addAll(t.actual().keySet());
        for (String name : names) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(name).append(' ').append(value(t.expected(), name)).append('/').append(value(t.actual(), name));
        }
        return sb.isEmpty() ? "no counts" : sb.toString();
    }

    private static String value(Map<String, Long> m, String k) {
        Long v = m.get(k);
        return v == null ? "-" : v.toString();
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
