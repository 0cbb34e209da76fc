package dev.ferry.exporter.run;

import dev.ferry.common.Sizes;
import dev.ferry.stores.CountNames;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.exporter.objects.ObjectsExporter;
import dev.ferry.exporter.plan.LeftOutPrinter;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints the end-of-export summary: per store, the counts, bytes, time and throughput. */
public final class SummaryPrinter {
    private SummaryPrinter() {
    }

    public static void print(ExportRun.Outcome outcome, TerminalWriter out) {
        out.println("Bundle written: " + outcome.bundle());
        out.println("  bundle id " + outcome.manifest().bundleId() + ", " + outcome.manifest().parts().size() + " parts, "
                + Sizes.human(outcome.manifest().parts().stream().mapToLong(p -> p.size()).sum()) + " on disk");
        if (outcome.manifest().base() != null) {
            out.println("  delta (format version " + outcome.manifest().formatVersion() + ") of base bundle " + outcome.manifest().base());
        }
        if (outcome.objects() != null) {
            ObjectsExporter.Changes c = outcome.objects();
            out.println("  objects since the base: " + c.added() + " added (" + Sizes.human(c.addedBytes()) + "), " + c.changed()
                    + " changed (" + Sizes.human(c.changedBytes()) + "), " + c.deleted() + " deleted (" + Sizes.human(c.deletedBytes())
                    + "), " + c.unchanged() + " unchanged" + (c.compared() > 0 ? "; " + c.compared() + " compared by content ("
                    + Sizes.human(c.comparedBytes()) + ")" : ""));
        }
        out.println("  freeze guard: " + outcome.freezeGuard() + (ExportRun.GUARD_SKIPPED.equals(outcome.freezeGuard())
                ? ": the Source was not checked for changes during the export" : ": the Source did not move while it was read"));
        for (StoreOutcome s : outcome.stores()) {
            out.printf("  %-9s %10s in %6.1f s (%s)  %s%n", s.store(), Sizes.human(s.bytes()), s.nanos() / 1e9,
                    Sizes.rate(s.bytes(), s.nanos()), counts(s.counts()));
            LeftOutPrinter.print(s.leftOut(), "            ", out);
        }
        out.printf("  total     %10s in %6.1f s (%s)%n", Sizes.human(outcome.stores().stream().mapToLong(StoreOutcome::bytes).sum()),
                outcome.nanos() / 1e9, Sizes.rate(outcome.stores().stream().mapToLong(StoreOutcome::bytes).sum(), outcome.nanos()));
        out.println("  OpenSearch is not carried: re-vectorize on the Target (runbook §1.5).");
        out.println("Next: verify the bundle with 'ferry-import verify', or on any machine with gpg --verify and sha256sum -c SHA256SUMS.");
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> !CountNames.isRowsOfATable(e.getKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
