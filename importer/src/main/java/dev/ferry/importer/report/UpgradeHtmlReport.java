package dev.ferry.importer.report;

import dev.ferry.importer.upgrade.run.UpgradeSummary;
import dev.ferry.importer.upgrade.teams.PrivacyRisk;
import dev.ferry.importer.upgrade.validate.UpgradeCheck;
import dev.ferry.importer.upgrade.validate.UpgradeValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The chapter 2 report for management: one self-contained HTML page saying whether swift may take the ingress, what
 * blocks it (GAPs, failed checks), what needs a person (private teams), and the counts behind it. Ids and counts only.
 */
public final class UpgradeHtmlReport {
    private UpgradeHtmlReport() {
    }

    public static void write(UpgradeValidation v, Path file) {
        StringBuilder b = new StringBuilder();
        UpgradeSummary s = v.expected();
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Ferry: kea → swift upgrade validation</title><style>")
                .append("body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
                .append(".ok{color:#176f2c}.ko{color:#b00020}</style></head><body>");
        b.append("<h1>kea → swift upgrade: ").append(v.passed() ? "<span class=ok>ready for the cutover</span>" : "<span class=ko>NOT ready</span>").append("</h1>");
        b.append("<p>Checked ").append(Instant.now()).append(". The cutover is the ingress switch; the rollback is switching it back (kea is never written).</p>");
        b.append("<h2>Checks</h2><table><tr><th>check</th><th>result</th><th>detail</th></tr>");
        for (UpgradeCheck c : v.checks()) {
            b.append("<tr><td>").append(Html.escape(c.name())).append("</td><td class=").append(c.passed() ? "ok>PASS" : "ko>FAIL")
                    .append("</td><td>").append(Html.escape(c.detail()));
            if (!c.findings().isEmpty()) {
                b.append("<ul>");
                c.findings().forEach(f -> b.append("<li>").append(Html.escape(f)).append("</li>"));
                b.append("</ul>");
            }
            b.append("</td></tr>");
        }
        b.append("</table>");
        b.append("<h2>Needs a person</h2>");
        if (s.needsAPerson().isEmpty()) {
            b.append("<p>No team loses its privacy.</p>");
        } else {
            b.append("<p>swift makes every team readable by every user. These teams were not public in kea: accept the risk or resolve it before the ingress switch.</p><ul>");
            for (PrivacyRisk r : s.needsAPerson()) {
                b.append("<li>").append(Html.escape(r.sentence())).append("</li>");
            }
            b.append("</ul>");
        }
        b.append("<h2>Agents</h2><p>");
        s.agentCounts().forEach((k, n) -> b.append(Html.escape(k.name())).append(": ").append(n).append(" &nbsp; "));
        b.append("</p>");
        if (!s.gaps().isEmpty()) {
            b.append("<p class=ko>GAPs (each blocks the cutover):</p><ul>");
            s.gaps().forEach(g -> b.append("<li>").append(Html.escape(g.agentId() + " (" + g.displayName() + "): " + g.reason())).append("</li>"));
            b.append("</ul>");
        }
        b.append("<h2>Tables</h2><table><tr><th>swift table</th><th>kea rows read</th><th>written</th><th>skipped</th></tr>");
        s.tables().forEach((t, c) -> b.append("<tr><td>").append(Html.escape(t)).append("</td><td>").append(c.read()).append("</td><td>")
                .append(c.written()).append("</td><td>").append(Html.escape(c.skipped().toString())).append("</td></tr>"));
        b.append("</table><h2>Tuples</h2><p>kea tuples read: ").append(s.tuples().storedRead()).append("; swift tuples expected: ")
                .append(s.expectedTuples()).append(" (of which synthesised from Keycloak: ").append(s.tuples().totalSynthesised()).append(")</p><ul>");
        s.tuples().droppedStored().forEach((r, n) -> b.append("<li>dropped ").append(n).append(": ").append(Html.escape(r.description())).append("</li>"));
        b.append("</ul>");
        if (!s.notes().isEmpty()) {
            b.append("<h2>Notes</h2><ul>");
            s.notes().forEach(n -> b.append("<li>").append(Html.escape(n)).append("</li>"));
            b.append("</ul>");
        }
        b.append("</body></html>\n");
        try {
            Files.writeString(file, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
