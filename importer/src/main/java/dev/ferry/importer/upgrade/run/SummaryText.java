package dev.ferry.importer.upgrade.run;

import dev.ferry.importer.upgrade.teams.PrivacyRisk;
import dev.ferry.cli.output.TerminalWriter;

/** The upgrade's summary (or plan) as text for the operator: blockers first, then what needs a person, then counts. */
public final class SummaryText {
    private SummaryText() {
    }

    public static void print(UpgradeSummary s, TerminalWriter out) {
        out.println(s.dryRun() ? "Upgrade plan (nothing written):" : "Upgrade done in " + s.millis() + " ms (swift store " + s.swiftStoreId() + ", model " + s.swiftModelId() + "):");
        out.println();
        if (s.gaps().isEmpty()) {
            out.println("GAPs: none.");
        } else {
            out.println("GAPs: " + s.gaps().size() + " user agent(s) swift cannot host as mapped; a cutover requires zero:");
            s.gaps().forEach(g -> out.println("  GAP " + g.agentId() + " (" + g.displayName() + "): " + g.reason()));
        }
        out.println();
        if (s.needsAPerson().isEmpty()) {
            out.println("Needs a person: nothing.");
        } else {
            out.println("Needs a person (" + s.needsAPerson().size() + "): swift makes every team readable by every user; accept or resolve before the ingress switch:");
            for (PrivacyRisk r : s.needsAPerson()) {
                out.println("  " + r.sentence());
            }
        }
        out.println();
        out.println("Agents: " + s.agentCounts());
        s.ignored().forEach(i -> out.println("  IGNORED " + i.agentId() + " (" + i.displayName() + "): sample template " + i.keaTemplate()));
        s.skipped().forEach(k -> out.println("  SKIPPED " + k.agentId() + ": " + k.kind().description()));
        out.println();
        out.printf("%-16s %10s %10s %10s  %s%n", "swift table", "kea read", "written", "changed", "skipped");
        s.tables().forEach((t, c) -> out.printf("%-16s %10d %10d %10s  %s%n", t, c.read(), c.written(), s.dryRun() ? "-" : Long.toString(c.changed()), c.skipped()));
        out.println();
        out.println("Tuples: " + s.tuples().storedRead() + " kea tuples read, " + s.expectedTuples() + " swift tuples (" + s.tuples().totalSynthesised()
                + " synthesised from Keycloak), fingerprint " + s.expectedTupleFingerprint().substring(0, 16));
        s.tuples().written().forEach((r, n) -> out.println("  wrote " + n + ": " + r.description()));
        s.tuples().droppedStored().forEach((r, n) -> out.println("  dropped " + n + " kea tuple(s): " + r.description()));
        s.tuples().droppedContextual().forEach((r, n) -> out.println("  not written, " + n + " Keycloak fact(s): " + r.description()));
        if (!s.dryRun()) {
            out.println();
            out.println("Objects: " + s.objects().copied() + " copied and checked (" + s.objects().bytes() + " bytes), " + s.objects().alreadyDone()
                    + " already done" + (s.objects().missingKeaBuckets().isEmpty() ? "" : "; kea buckets not found: " + s.objects().missingKeaBuckets()));
        }
        if (!s.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            s.notes().forEach(n -> out.println("  " + n));
        }
        out.println();
        out.println(s.dryRun() ? "Next: ferry-import upgrade --config <upgrade.yaml>" : "Next: ferry-import upgrade validate --config <upgrade.yaml> --report upgrade-report.html");
        out.flush();
    }
}
