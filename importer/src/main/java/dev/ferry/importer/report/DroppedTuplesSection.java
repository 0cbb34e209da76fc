package dev.ferry.importer.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.importer.validate.DroppedTuples;
import java.util.List;

/**
 * The validation report's section on what the load dropped from OpenFGA on purpose (runbook §1.2), in the three
 * renderings: the POSSIBLE LOSS tuples first, as they are the ones a person must look at, then the dropped tuples
 * whose grant the Target holds by user id. Tuple keys are store text: the terminal prints them through
 * {@link TerminalWriter}, the page through {@link Html#escape}.
 */
final class DroppedTuplesSection {
    static final String POSSIBLE_LOSS = "POSSIBLE LOSS";
    private static final String HEADING = "Dropped by the load: username-form OpenFGA tuples (runbook §1.2)";

    private DroppedTuplesSection() {
    }

    static void terminal(DroppedTuples d, TerminalWriter out) {
        if (d.total() == 0) {
            return;
        }
        out.println();
        out.println(HEADING + ", openfga.usernameTuples: " + d.mode() + ":");
        if (!d.possibleLoss().isEmpty()) {
            out.println("  " + POSSIBLE_LOSS + ": " + d.possibleLoss().size() + " tuple(s) with no UUID twin on the Target; "
                    + lossAdvice(d));
            d.possibleLoss().forEach(t -> out.println("    - " + t));
        }
        if (!d.withTwin().isEmpty()) {
            out.println("  " + d.withTwin().size() + " tuple(s) dropped whose grant the Target holds by user id (nothing lost):");
            d.withTwin().forEach(t -> out.println("    - " + t));
        }
    }

    static void json(DroppedTuples d, ObjectNode root) {
        ObjectNode node = root.putObject("droppedTuples");
        node.put("usernameTuples", d.mode());
        ArrayNode loss = node.putArray("possibleLoss");
        d.possibleLoss().forEach(loss::add);
        ArrayNode twin = node.putArray("withTwin");
        d.withTwin().forEach(twin::add);
    }

    static void html(DroppedTuples d, StringBuilder h) {
        h.append("<h2>Dropped by the load</h2>\n");
        if (d.total() == 0) {
            h.append("<p>Nothing: the bundle holds no username-form OpenFGA tuple, or OpenFGA was not validated.</p>\n");
            return;
        }
        h.append("<p>The load writes only tuples whose subject is a user id (runbook §1.2, <span class=\"mono\">openfga.usernameTuples: ")
                .append(Html.escape(d.mode())).append("</span>). These username-form tuples of the bundle were not written.</p>\n");
        if (!d.possibleLoss().isEmpty()) {
            h.append("<div class=\"reminder\"><b>").append(POSSIBLE_LOSS).append(" — ").append(d.possibleLoss().size())
                    .append(" tuple(s) with no UUID twin on the Target</b><p>").append(Html.escape(lossAdvice(d))).append("</p>");
            list(d.possibleLoss(), h);
            h.append("</div>\n");
        }
        if (!d.withTwin().isEmpty()) {
            h.append("<h3>").append(d.withTwin().size()).append(" dropped tuple(s) whose grant the Target holds by user id (nothing lost)</h3>\n");
            list(d.withTwin(), h);
        }
    }

    private static void list(List<String> tuples, StringBuilder h) {
        h.append("<ul class=\"diffs\">");
        tuples.forEach(t -> h.append("<li>").append(Html.escape(t)).append("</li>"));
        h.append("</ul>\n");
    }

    private static String lossAdvice(DroppedTuples d) {
        return "map".equals(d.mode())
                ? "their username is no Keycloak user of the bundle: add each grant by hand on the Target if it is still wanted"
                : "set openfga.usernameTuples: map in target.yaml and load again to keep them, or add each grant by hand";
    }
}
