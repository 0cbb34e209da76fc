package dev.ferry.importer.report;

import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.common.StoreKind;
import dev.ferry.importer.load.LoadSummary;
import dev.ferry.importer.load.StoreOutcome;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link LoadSummary} for a person (--json prints the record itself, through the CLI kit's JSON output). */
public final class LoadSummaryPrinter {
    private static final int LIST_LIMIT = 50;

    private LoadSummaryPrinter() {
    }

    public static void print(LoadSummary s, TerminalWriter out) {
        out.println((s.dryRun() ? "DRY RUN — " : "") + "bundle " + s.bundleId() + ": " + s.message());
        for (StoreOutcome o : s.stores()) {
            out.println();
            out.println(o.store().label() + ": " + o.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            for (Map.Entry<String, String> e : o.outputs().entrySet()) {
                out.println("  " + e.getKey() + ": " + e.getValue());
            }
            for (Map.Entry<String, Long> e : o.counts().entrySet()) {
                out.println("  " + e.getKey() + " = " + e.getValue());
            }
            for (StoreOutcome.Notice n : o.notices()) {
                out.println("  ! " + n.title() + " (" + n.items().size() + "):");
                n.items().stream().limit(LIST_LIMIT).forEach(i -> out.println("      " + i));
                if (n.items().size() > LIST_LIMIT) {
                    out.println("      … and " + (n.items().size() - LIST_LIMIT) + " more (see --json)");
                }
            }
            if (o.store() == StoreKind.OPENFGA && o.outputs().containsKey("storeId")) {
                out.println("  → set the application's OpenFGA store name to '" + o.outputs().get("storeName") + "' (store id "
                        + o.outputs().get("storeId") + ", model id " + o.outputs().get("authorizationModelId") + ")");
            }
        }
        if (s.journal() != null) {
            out.println();
            out.println("journal: " + s.journal());
        }
        out.flush();
    }
}
