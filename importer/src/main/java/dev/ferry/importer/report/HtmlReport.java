package dev.ferry.importer.report;

import dev.ferry.common.LocalIoException;
import dev.ferry.common.ToolVersion;
import dev.ferry.importer.validate.CheckGroups;
import dev.ferry.importer.validate.CheckResult;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.Reminder;
import dev.ferry.importer.validate.StoreTally;
import dev.ferry.importer.validate.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The report management reads: one self-contained HTML file (inline CSS, no script, no external asset, no secret)
 * with the overall verdict, every check with its result, counts per store and timings. Lists of people (users to
 * re-enrol, passwords to reset) are given as numbers only: the names stay in the operator's terminal and JSON output.
 */
public final class HtmlReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The look both reports share (this one and the migration report). */
    static final String CSS = """
            :root{--ok:#1b7f3b;--ok-bg:#e7f5ec;--bad:#b3261e;--bad-bg:#fdecea;--err:#8a5300;--err-bg:#fff4e0;--ink:#1f2328;--muted:#5f6770;--line:#d8dde3}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#f6f8fa}
            main{max-width:1100px;margin:0 auto;padding:28px 24px 40px}
            h1{font-size:24px;margin:0 0 4px}
            h2{font-size:18px;margin:32px 0 10px;border-bottom:1px solid var(--line);padding-bottom:6px}
            h3{font-size:15px;margin:18px 0 6px}
            .sub{color:var(--muted);margin:0 0 18px}
            .verdict{border-radius:10px;padding:18px 22px;margin:16px 0 8px;border:2px solid}
            .verdict strong{font-size:26px;display:block;letter-spacing:.5px}
            .verdict.PASS{background:var(--ok-bg);border-color:var(--ok);color:var(--ok)}
            .verdict.FAIL{background:var(--bad-bg);border-color:var(--bad);color:var(--bad)}
            .verdict.ERROR{background:var(--err-bg);border-color:var(--err);color:var(--err)}
            .verdict span{color:var(--ink)}
            .cards{display:flex;gap:12px;flex-wrap:wrap;margin:14px 0}
            .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:130px}
            .card b{display:block;font-size:22px}
            .card small{color:var(--muted)}
            table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:8px;overflow:hidden}
            th,td{text-align:left;padding:7px 10px;border-bottom:1px solid var(--line);vertical-align:top}
            th{background:#eef1f4;font-size:13px;color:var(--muted);font-weight:600}
            table.checks{table-layout:fixed}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            td.mono,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
            tr.group th{background:#f6f8fa;color:var(--ink);font-size:14px;padding-top:10px}
            tr.diff td{background:#fffafa;border-top:0}
            .pill{display:inline-block;font-weight:700;font-size:12px;border-radius:999px;padding:2px 10px}
            .pill.PASS{background:var(--ok-bg);color:var(--ok)}
            .pill.FAIL{background:var(--bad-bg);color:var(--bad)}
            .pill.ERROR{background:var(--err-bg);color:var(--err)}
            .mismatch{color:var(--bad);font-weight:600}
            ul.diffs{margin:0;padding-left:20px}
            ul.diffs li{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0;background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}
            dl.facts dt{color:var(--muted)}
            dl.facts dd{margin:0}
            .reminder{background:#fff;border:1px solid var(--line);border-left:4px solid var(--err);border-radius:6px;padding:10px 14px;margin:8px 0}
            .reminder p{margin:4px 0 0;color:var(--muted)}
            footer{margin-top:36px;color:var(--muted);font-size:13px}
            @media print{body{background:#fff}main{padding:0}.verdict,.pill{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}}
            """;

    /** Writes the report to {@code file} atomically: a reader never sees half a report, and a failed write leaves nothing behind. */
    public void write(ValidationReport report, Path file) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".ferry-report-", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                render(report, w);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(tmp);
            throw LocalIoException.writing("the HTML report", file, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e,
                    "choose a --report path in a writable directory with free space, then run validate again");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // The write failure is the error to report.
        }
    }

    public void render(ValidationReport r, Writer w) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // No network access from the report, even if someone injects a URL somewhere.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>Ferry validation ").append(r.verdict()).append(" — bundle ").append(e(r.bundle().bundleId()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>Migration validation report</h1>\n<p class=\"sub\">Target Cluster compared with the Ferry bundle from source “")
                .append(e(r.bundle().sourceLabel())).append("”, checked ").append(WHEN.format(r.finishedAt())).append(".</p>\n");
        verdict(h, r);
        summaryCards(h, r);
        facts(h, r);
        checks(h, r);
        stores(h, r);
        reminders(h, r);
        DroppedTuplesSection.html(r.dropped(), h);
        timings(h, r);
        h.append("<footer>Generated by Ferry ").append(e(ToolVersion.get()))
                .append(". This report holds no secrets: no passwords, client secrets, object keys or file names. ")
                .append("Objects are named by bucket and bundle entry; people by count only, except in the dropped OpenFGA tuples ")
                .append("that a person must review.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        try {
            w.write(h.toString());
            w.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void verdict(StringBuilder h, ValidationReport r) {
        CheckStatus v = r.verdict();
        String headline = switch (v) {
            case PASS -> "PASS — the Target matches the bundle";
            case FAIL -> "FAIL — the Target differs from the bundle";
            case ERROR -> "INCOMPLETE — a Target store could not be checked";
        };
        String advice = switch (v) {
            case PASS -> "Every check passed. Traffic may be switched once the actions under “Needs a person” are done.";
            case FAIL -> r.count(CheckStatus.FAIL) + " of " + r.checks().size()
                    + " checks found differences. Do not cut over: see the failed checks below.";
            case ERROR -> r.count(CheckStatus.ERROR) + " of " + r.checks().size()
                    + " checks could not read their store. Do not cut over until validation passes.";
        };
        h.append("<div class=\"verdict ").append(v).append("\"><strong>").append(headline).append("</strong><span>")
                .append(e(advice)).append("</span></div>\n");
    }

    private static void summaryCards(StringBuilder h, ValidationReport r) {
        h.append("<div class=\"cards\">");
        card(h, String.valueOf(r.checks().size()), "checks run");
        card(h, String.valueOf(r.count(CheckStatus.PASS)), "passed");
        card(h, String.valueOf(r.count(CheckStatus.FAIL)), "failed");
        card(h, String.valueOf(r.count(CheckStatus.ERROR)), "could not run");
        card(h, String.valueOf(r.reminders().size()), "actions for a person");
        card(h, Durations.human(r.totalDuration()), "total time");
        h.append("</div>\n");
    }

    private static void card(StringBuilder h, String value, String label) {
        h.append("<div class=\"card\"><b>").append(e(value)).append("</b><small>").append(e(label)).append("</small></div>");
    }

    private static void facts(StringBuilder h, ValidationReport r) {
        var b = r.bundle();
        h.append("<h2>Bundle</h2>\n<dl class=\"facts\">");
        fact(h, "Bundle id", b.bundleId(), true);
        fact(h, "Source", b.sourceLabel(), false);
        fact(h, "Sealed", b.createdAt() == null ? "" : WHEN.format(b.createdAt()), false);
        fact(h, "Sealed by", "Ferry " + b.toolVersion(), false);
        fact(h, "Signer key", b.signerFingerprint(), true);
        fact(h, "Validation started", WHEN.format(r.startedAt()), false);
        fact(h, "Validation finished", WHEN.format(r.finishedAt()), false);
        h.append("</dl>\n");
    }

    private static void fact(StringBuilder h, String name, String value, boolean mono) {
        h.append("<dt>").append(e(name)).append("</dt><dd").append(mono ? " class=\"mono\"" : "").append('>')
                .append(e(value)).append("</dd>");
    }

    private static void checks(StringBuilder h, ValidationReport r) {
        h.append("<h2>Checks</h2>\n");
        Set<String> storeOrder = new LinkedHashSet<>();
        r.checks().forEach(c -> storeOrder.add(c.store()));
        for (String store : storeOrder) {
            h.append("<h3>").append(e(storeName(store))).append("</h3>\n<table class=\"checks\">\n<tr><th style=\"width:80px\">Result</th>")
                    .append("<th style=\"width:34%\">Check</th><th>Expected (bundle)</th><th>Actual (Target)</th>")
                    .append("<th style=\"width:80px\">Time</th></tr>\n");
            for (CheckGroups.Group g : CheckGroups.of(r.checks())) {
                if (g.store().equals(store)) {
                    group(h, g);
                }
            }
            h.append("</table>\n");
        }
    }

    /** One heading's rows: the heading (Keycloak's realm sections) with its result, then each check. */
    private static void group(StringBuilder h, CheckGroups.Group g) {
        if (!g.heading().isEmpty()) {
            h.append("<tr class=\"group\"><th colspan=\"5\">").append(e(g.heading())).append(" <span class=\"pill ")
                    .append(g.status()).append("\">").append(g.status()).append("</span></th></tr>\n");
        }
        for (CheckResult c : g.checks()) {
            h.append("<tr><td><span class=\"pill ").append(c.status()).append("\">").append(c.status())
                    .append("</span></td><td>").append(e(c.title())).append("</td><td class=\"mono\">")
                    .append(e(c.expected())).append("</td><td class=\"mono").append(c.passed() ? "" : " mismatch")
                    .append("\">").append(e(c.actual())).append("</td><td class=\"num\">")
                    .append(e(Durations.human(c.duration()))).append("</td></tr>\n");
            if (c.differenceCount() > 0) {
                h.append("<tr class=\"diff\"><td></td><td colspan=\"4\"><ul class=\"diffs\">");
                c.differences().forEach(d -> h.append("<li>").append(e(d)).append("</li>"));
                if (c.omitted() > 0) {
                    h.append("<li>… and ").append(c.omitted()).append(" more</li>");
                }
                h.append("</ul></td></tr>\n");
            }
        }
    }

    private static void stores(StringBuilder h, ValidationReport r) {
        h.append("<h2>Counts per store</h2>\n<table>\n<tr><th>Store</th><th>Count</th><th>In the bundle</th>")
                .append("<th>On the Target</th></tr>\n");
        for (StoreTally t : r.stores()) {
            Set<String> names = new java.util.TreeSet<>(t.expected().keySet());
            names.addAll(t.actual().keySet());
            boolean first = true;
            for (String name : names) {
                Long exp = t.expected().get(name);
                Long act = t.actual().get(name);
                boolean same = exp != null && exp.equals(act);
                h.append("<tr><td>").append(first ? e(storeName(t.store())) : "").append("</td><td>").append(e(name))
                        .append("</td><td class=\"num\">").append(value(exp)).append("</td><td class=\"num")
                        .append(same || act == null || exp == null ? "" : " mismatch").append("\">").append(value(act))
                        .append("</td></tr>\n");
                first = false;
            }
        }
        h.append("</table>\n");
    }

    private static void reminders(StringBuilder h, ValidationReport r) {
        h.append("<h2>Needs a person</h2>\n");
        if (r.reminders().isEmpty()) {
            h.append("<p>Nothing.</p>\n");
            return;
        }
        for (Reminder m : r.reminders()) {
            h.append("<div class=\"reminder\"><b>").append(e(m.title())).append("</b>");
            if (!m.subjects().isEmpty()) {
                h.append(" — ").append(m.subjects().size()).append(" concerned (the list is in the operator’s terminal and JSON output)");
            }
            h.append("<p>").append(e(m.detail())).append("</p></div>\n");
        }
    }

    private static void timings(StringBuilder h, ValidationReport r) {
        h.append("<h2>Timings</h2>\n<table>\n<tr><th>Step</th><th>Time</th></tr>\n");
        h.append("<tr><td>Verify the bundle (signatures, checksums, counts)</td><td class=\"num\">")
                .append(Durations.human(r.verifyDuration())).append("</td></tr>\n");
        for (StoreTally t : r.stores()) {
            h.append("<tr><td>Check ").append(e(storeName(t.store()))).append("</td><td class=\"num\">")
                    .append(Durations.human(t.duration())).append("</td></tr>\n");
        }
        h.append("<tr><td><b>Total</b></td><td class=\"num\"><b>").append(Durations.human(r.totalDuration()))
                .append("</b></td></tr>\n</table>\n");
    }

    /** The names management knows the stores by. */
    static String storeName(String store) {
        return switch (store) {
            case "postgres" -> "PostgreSQL";
            case "keycloak" -> "Keycloak";
            case "openfga" -> "OpenFGA";
            case "objects" -> "Object storage";
            case "cross-store" -> "Across stores";
            default -> store;
        };
    }

    private static String value(Long v) {
        return v == null ? "—" : String.format(java.util.Locale.ROOT, "%,d", v);
    }

    private static String e(String s) {
        return Html.escape(s);
    }
}
