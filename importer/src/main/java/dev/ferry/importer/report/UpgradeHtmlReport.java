package dev.ferry.importer.report;

import dev.ferry.common.LocalIoException;
import dev.ferry.common.ToolVersion;
import dev.ferry.importer.upgrade.agents.AgentOutcome;
import dev.ferry.importer.upgrade.run.RunRecord;
import dev.ferry.importer.upgrade.run.UpgradeSummary;
import dev.ferry.importer.upgrade.teams.PrivacyRisk;
import dev.ferry.importer.upgrade.tuples.DropReason;
import dev.ferry.importer.upgrade.tuples.Rule;
import dev.ferry.importer.upgrade.validate.UpgradeCheck;
import dev.ferry.importer.upgrade.validate.UpgradeValidation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chapter 2 report for management, one self-contained HTML page (inline CSS, no script, no external asset) read
 * top to bottom as plan → run → validation → decision: whether swift may take the ingress, what blocks it (GAPs,
 * failed checks), what needs a person (kea private teams that swift makes public), and the figures behind it (per
 * table mapped / ignored / GAP / dropped, tuples written and dropped, objects copied, each step's time). Every string
 * from a store goes through {@link Html#escape}; object keys never appear (they hold file names).
 */
public final class UpgradeHtmlReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    /** The skip reasons an agent row can have: their own columns; every other reason is a dropped row. */
    private static final Set<String> AGENT_COLUMNS = Set.of(AgentOutcome.Status.IGNORED.name(), AgentOutcome.Status.GAP.name());

    private static final String CSS = """
            :root{--ok:#1b7f3b;--ok-bg:#e7f5ec;--bad:#b3261e;--bad-bg:#fdecea;--warn:#8a5300;--warn-bg:#fff4e0;--ink:#1f2328;--muted:#5f6770;--line:#d8dde3}
            body{margin:0;font:15px/1.45 -apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#f6f8fa}
            main{max-width:1100px;margin:0 auto;padding:28px 24px 40px}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:30px 0 10px;border-bottom:1px solid var(--line);padding-bottom:6px}
            h3{font-size:15px;margin:16px 0 6px}.sub{color:var(--muted)}
            .verdict{border-radius:10px;padding:16px 20px;margin:16px 0;border:2px solid}.verdict strong{font-size:24px;display:block}
            .verdict.READY{background:var(--ok-bg);border-color:var(--ok);color:var(--ok)}
            .verdict.NOT_READY{background:var(--bad-bg);border-color:var(--bad);color:var(--bad)}
            .verdict.PENDING{background:var(--warn-bg);border-color:var(--warn);color:var(--warn)}.verdict span{color:var(--ink)}
            .cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:120px}
            .card b{display:block;font-size:22px}.card small{color:var(--muted)}
            table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}
            th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}th{background:#eef1f4;font-size:13px;color:var(--muted)}
            td.num{text-align:right;font-variant-numeric:tabular-nums}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
            .PASS{color:var(--ok);font-weight:700}.FAIL{color:var(--bad);font-weight:700}
            .person{background:#fff;border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:6px;padding:8px 12px;margin:6px 0}
            footer{margin-top:36px;color:var(--muted);font-size:13px}
            """;

    private UpgradeHtmlReport() {
    }

    /** The decision the page leads with. */
    public enum Decision {
        READY("Ready for the ingress switch"),
        NOT_READY("NOT ready for the ingress switch"),
        PENDING("Not validated yet");

        final String title;

        Decision(String title) {
            this.title = title;
        }
    }

    /**
     * @param plan       the transform's figures: the run's own summary, or the plan validate recomputed from kea
     * @param run        the last run's journal record, if one is in the state dir
     * @param validation the checks of §2.5, when validate ran
     */
    public static Decision decision(UpgradeSummary plan, Optional<RunRecord> run, Optional<UpgradeValidation> validation) {
        if (!plan.gaps().isEmpty() || validation.map(v -> !v.passed()).orElse(false)) {
            return Decision.NOT_READY;
        }
        return validation.isPresent() ? Decision.READY : Decision.PENDING;
    }

    /** Writes the report atomically: a reader never sees half a page, and a failed write leaves nothing behind. */
    public static void write(UpgradeSummary plan, Optional<RunRecord> run, Optional<UpgradeValidation> validation, Path file) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".ferry-upgrade-report-", ".tmp");
            Files.writeString(tmp, render(plan, run, validation, Instant.now()), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // The write failure is the error to report.
            }
            throw LocalIoException.writing("the upgrade report", file, e, "choose a --report path in a writable directory with free space, then run again");
        }
    }

    static String render(UpgradeSummary s, Optional<RunRecord> run, Optional<UpgradeValidation> validation, Instant now) {
        Decision d = decision(s, run, validation);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>Ferry: kea → swift upgrade — ").append(d.title).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>kea → swift upgrade report (chapter 2)</h1>\n<p class=\"sub\">Generated ")
                .append(WHEN.format(now)).append(". swift store ").append(e(s.swiftStoreId())).append(", model ").append(e(s.swiftModelId()))
                .append(". kea is only ever read: the rollback is switching the ingress back.</p>\n");
        verdict(h, d, s, run, validation);
        cards(h, s, run);
        plan(h, s);
        run(h, s, run);
        validation(h, validation);
        h.append("<h2>4. Decision</h2>\n<p><b>").append(d.title).append(".</b> ").append(decisionText(d, s, run, validation)).append("</p>\n");
        h.append("<footer>Generated by Ferry ").append(e(ToolVersion.get()))
                .append(". This report holds ids, names of agents and teams, and counts; no secret, no object key or file name.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void verdict(StringBuilder h, Decision d, UpgradeSummary s, Optional<RunRecord> run, Optional<UpgradeValidation> v) {
        h.append("<div class=\"verdict ").append(d.name()).append("\"><strong>").append(d.title).append("</strong><span>")
                .append(decisionText(d, s, run, v)).append("</span></div>\n");
    }

    private static String decisionText(Decision d, UpgradeSummary s, Optional<RunRecord> run, Optional<UpgradeValidation> v) {
        String persons = s.needsAPerson().isEmpty() ? "" : " Before the switch, a person must accept or resolve the " + s.needsAPerson().size()
                + " team(s) under “Needs a person”: swift makes them readable by every user.";
        String unfinished = run.isPresent() && run.get().finishedAt().isEmpty() ? " The last run stopped before the end: resume it (--resume)." : "";
        return switch (d) {
            case READY -> "Zero GAPs and every validation check passes." + persons;
            case NOT_READY -> s.gaps().size() + " GAP(s), " + v.map(x -> x.checks().stream().filter(c -> !c.passed()).count()).orElse(0L)
                    + " failed check(s): resolve each one, upgrade again, then validate again." + unfinished + persons;
            case PENDING -> "Zero GAPs in the plan. Run ferry-import upgrade validate --report to check swift before the switch." + unfinished + persons;
        };
    }

    private static void cards(StringBuilder h, UpgradeSummary s, Optional<RunRecord> run) {
        h.append("<div class=\"cards\">");
        card(h, Long.toString(s.gaps().size()), "GAP agents");
        card(h, Long.toString(s.needsAPerson().size()), "teams that need a person");
        card(h, Long.toString(s.agentCounts().getOrDefault(AgentOutcome.Status.MAPPED, 0L)), "agents mapped");
        card(h, Long.toString(s.expectedTuples()), "swift tuples");
        run.flatMap(r -> r.step("objects")).ifPresent(o -> card(h, Long.toString(o.number("objects")), "objects copied and checked"));
        run.flatMap(r -> r.step("upgrade")).ifPresent(u -> card(h, Durations.human(java.time.Duration.ofMillis(u.millis())), "last run"));
        h.append("</div>\n");
    }

    private static void card(StringBuilder h, String value, String label) {
        h.append("<div class=\"card\"><b>").append(e(value)).append("</b><small>").append(e(label)).append("</small></div>");
    }

    private static void plan(StringBuilder h, UpgradeSummary s) {
        h.append("<h2>1. Plan</h2>\n<p>Agents: ");
        s.agentCounts().forEach((k, n) -> h.append(e(k.name())).append(' ').append(n).append(" &nbsp; "));
        h.append("</p>\n<h3>GAPs (each blocks the cutover)</h3>\n");
        if (s.gaps().isEmpty()) {
            h.append("<p>None: every user agent is mapped to a swift template or is an ignored sample.</p>\n");
        } else {
            h.append("<table><tr><th>kea agent</th><th>name</th><th>why</th></tr>\n");
            for (AgentOutcome.Gap g : s.gaps()) {
                h.append("<tr><td class=\"mono\">").append(e(g.agentId())).append("</td><td>").append(e(g.displayName())).append("</td><td>")
                        .append(e(g.reason())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h3>Needs a person</h3>\n");
        if (s.needsAPerson().isEmpty()) {
            h.append("<p>No team loses its privacy.</p>\n");
        } else {
            h.append("<p>kea kept these teams private. swift grants every team <span class=\"mono\">user:* public</span>, so every user ")
                    .append("will read their resources. The upgrade writes no public tuple for them; accept the risk or resolve it before the ingress switch.</p>\n");
            for (PrivacyRisk r : s.needsAPerson()) {
                h.append("<div class=\"person\">").append(e(r.sentence())).append("</div>\n");
            }
        }
        if (!s.notes().isEmpty()) {
            h.append("<h3>Notes</h3>\n<ul>");
            s.notes().forEach(n -> h.append("<li>").append(e(n)).append("</li>"));
            h.append("</ul>\n");
        }
    }

    private static void run(StringBuilder h, UpgradeSummary s, Optional<RunRecord> run) {
        h.append("<h2>2. Run</h2>\n");
        if (run.isEmpty()) {
            h.append("<p>No upgrade run is recorded in the state dir: the figures below are the plan's.</p>\n");
        } else {
            h.append("<p>").append(run.get().finishedAt().map(t -> "Last run finished " + WHEN.format(t) + ".")
                    .orElse("The last run stopped before the end: resume it with --resume.")).append("</p>\n");
        }
        h.append("<h3>Rows per swift table</h3>\n<table><tr><th>swift table</th><th>kea rows read</th><th>mapped</th><th>ignored</th><th>GAP</th>")
                .append("<th>dropped (why)</th><th>changed by the run</th><th>time</th></tr>\n");
        s.tables().forEach((table, c) -> {
            Optional<RunRecord.Step> step = run.flatMap(r -> r.step("swift." + table));
            long dropped = c.skipped().entrySet().stream().filter(x -> !AGENT_COLUMNS.contains(x.getKey())).mapToLong(Map.Entry::getValue).sum();
            StringBuilder why = new StringBuilder();
            c.skipped().forEach((reason, n) -> {
                if (!AGENT_COLUMNS.contains(reason)) {
                    why.append(why.length() == 0 ? "" : "; ").append(n).append(' ').append(reason);
                }
            });
            h.append("<tr><td class=\"mono\">").append(e(table)).append("</td>").append(num(c.read())).append(num(c.written()))
                    .append(num(c.skipped().getOrDefault(AgentOutcome.Status.IGNORED.name(), 0L)))
                    .append(num(c.skipped().getOrDefault(AgentOutcome.Status.GAP.name(), 0L))).append("<td>").append(dropped)
                    .append(dropped == 0 ? "" : " (" + e(why.toString()) + ")").append("</td>")
                    .append(step.map(x -> num(x.number("changed"))).orElse("<td>—</td>"))
                    .append(step.map(x -> "<td class=\"num\">" + Durations.human(java.time.Duration.ofMillis(x.millis())) + "</td>").orElse("<td>—</td>"))
                    .append("</tr>\n");
        });
        h.append("</table>\n<h3>OpenFGA tuples</h3>\n<p>kea tuples read: ").append(s.tuples().storedRead()).append("; swift tuples: ")
                .append(s.expectedTuples()).append(" (").append(s.tuples().totalSynthesised()).append(" synthesised from Keycloak)")
                .append(run.flatMap(r -> r.step("swift.tuples")).map(t -> "; written by the run: " + t.number("tuples") + " in "
                        + Durations.human(java.time.Duration.ofMillis(t.millis()))).orElse("")).append(".</p>\n<table><tr><th>written per rule</th><th>tuples</th></tr>\n");
        for (Map.Entry<Rule, Long> w : s.tuples().written().entrySet()) {
            h.append("<tr><td>").append(e(w.getKey().description())).append("</td>").append(num(w.getValue())).append("</tr>\n");
        }
        h.append("</table>\n<table><tr><th>dropped per reason</th><th>kea tuples</th></tr>\n");
        for (Map.Entry<DropReason, Long> x : s.tuples().droppedStored().entrySet()) {
            h.append("<tr><td>").append(e(x.getKey().description())).append("</td>").append(num(x.getValue())).append("</tr>\n");
        }
        if (s.tuples().droppedStored().isEmpty()) {
            h.append("<tr><td>none</td><td class=\"num\">0</td></tr>\n");
        }
        h.append("</table>\n<h3>Objects</h3>\n");
        Optional<RunRecord.Step> objects = run.flatMap(r -> r.step("objects"));
        if (objects.isPresent()) {
            RunRecord.Step o = objects.get();
            h.append("<p>").append(o.number("objects")).append(" object(s) in their swift buckets, each checked by size and SHA-256 (")
                    .append(o.number("copied")).append(" copied by the last attempt, ").append(String.format(Locale.ROOT, "%,d", o.number("bytes")))
                    .append(" bytes; ").append(o.number("alreadyDone")).append(" done before a resume), ").append(o.number("concurrency"))
                    .append(" at once, in ").append(Durations.human(java.time.Duration.ofMillis(o.millis()))).append('.');
            String missing = o.details().getOrDefault("missingKeaBuckets", "");
            if (!missing.isBlank()) {
                h.append(" kea buckets not found (nothing to copy): ").append(e(missing)).append('.');
            }
            h.append("</p>\n");
        } else {
            h.append("<p>No object copy recorded.</p>\n");
        }
        if (run.isPresent()) {
            h.append("<h3>Timings</h3>\n<table><tr><th>step</th><th>time</th></tr>\n");
            for (RunRecord.Step st : run.get().steps()) {
                h.append("<tr><td class=\"mono\">").append(e(st.name())).append("</td><td class=\"num\">")
                        .append(Durations.human(java.time.Duration.ofMillis(st.millis()))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
    }

    private static void validation(StringBuilder h, Optional<UpgradeValidation> validation) {
        h.append("<h2>3. Validation</h2>\n");
        if (validation.isEmpty()) {
            h.append("<p>Not run yet: <span class=\"mono\">ferry-import upgrade validate --config upgrade.yaml --report upgrade-report.html</span>.</p>\n");
            return;
        }
        h.append("<table><tr><th>check</th><th>result</th><th>detail</th></tr>\n");
        for (UpgradeCheck c : validation.get().checks()) {
            h.append("<tr><td>").append(e(c.name())).append("</td><td class=\"").append(c.passed() ? "PASS\">PASS" : "FAIL\">FAIL")
                    .append("</td><td>").append(e(c.detail()));
            if (!c.findings().isEmpty()) {
                h.append("<ul>");
                c.findings().forEach(f -> h.append("<li>").append(e(f)).append("</li>"));
                h.append("</ul>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String num(long n) {
        return "<td class=\"num\">" + String.format(Locale.ROOT, "%,d", n) + "</td>";
    }

    private static String e(String s) {
        return Html.escape(s);
    }
}
