package dev.ferry.exporter.plan;

import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import java.util.List;

/**
 * Lists what the bundle will not carry of the Keycloak realm, the same way in the plan and in the export summary: each
 * value (named, never shown), what the Target does without it, and the fix.
 */
public final class LeftOutPrinter {
    private LeftOutPrinter() {
    }

    public static void print(List<LeftOut> leftOut, String indent, TerminalWriter out) {
        if (leftOut.isEmpty()) {
            return;
        }
        out.println(indent + "not carried (" + leftOut.size() + "): the Admin API masks these or gives no key material");
        for (LeftOut l : leftOut) {
            out.println(indent + "  - " + l.what() + ": " + l.consequence());
            out.println(indent + "    fix: " + l.fix());
        }
    }
}
