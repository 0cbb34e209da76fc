package dev.ferry.importer.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ferry.stores.StoreKind;
import java.io.PrintWriter;
import java.util.Map;

/** Prints a {@link LoadSummary} for a person, or as one JSON document for a script. */
public final class SummaryPrinter {
    private static final int LIST_LIMIT = 50;

    private SummaryPrinter() {
    }

    public static void json(LoadSummary s, PrintWriter out) {
        ObjectMapper json = JsonMapper.builder().findAndAddModules().build().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            out.println(json.writeValueAsString(s));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    public static void text(LoadSummary s, PrintWriter out) {
        out.println((s.dryRun() ? "DRY RUN — " : "") + "bundle " + s.bundleId() + ": " + s.message());
        for (StoreOutcome o : s.stores()) {
            out.println();
            out.println(o.store().label() + ": " + o.status().name().toLowerCase().replace('_', ' '));
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
