package dev.ferry.importer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.DroppedTuples;
import dev.ferry.importer.validate.ValidationReport;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the load dropped appears in all three renderings of the validation report, POSSIBLE LOSS first, escaped. */
class DroppedTuplesSectionTest {
    private static final String LOST = "team:t1#member@user:<b>mallory</b>\u001b[2K";
    private static final String TWIN = "team:t2#owner@user:alice";

    private static ValidationReport report() {
        ValidationReport r = SampleReports.report(List.of(SampleReports.check("a", "openfga", CheckStatus.PASS)), List.of());
        return new ValidationReport(r.bundle(), r.startedAt(), r.finishedAt(), r.verifyDuration(), r.stores(), r.checks(), r.reminders(),
                new DroppedTuples("drop", List.of(LOST), List.of(TWIN)));
    }

    @Test
    void theHtmlListsThePossibleLossFirstAndEscapesIt() {
        StringWriter w = new StringWriter();
        new HtmlReport().render(report(), w);
        String html = w.toString();
        int loss = html.indexOf("POSSIBLE LOSS — 1 tuple(s) with no UUID twin on the Target");
        int twin = html.indexOf("team:t2#owner@user:alice");
        assertTrue(loss > 0 && twin > loss, html);
        assertTrue(html.contains("team:t1#member@user:&lt;b&gt;mallory&lt;/b&gt;\\x1b[2K"), html);
        assertFalse(html.contains("<b>mallory"));
    }

    @Test
    void theTerminalAndJsonListThemToo() throws Exception {
        StringWriter out = new StringWriter();
        new TerminalReport().render(report(), new TerminalWriter(out));
        String text = out.toString();
        assertTrue(text.indexOf("POSSIBLE LOSS: 1 tuple(s)") < text.indexOf(TWIN), text);
        assertTrue(text.contains("team:t1#member@user:<b>mallory</b>\\x1b[2K"), text);
        assertFalse(text.contains("\u001b"), "no raw escape reaches the terminal");
        JsonNode json = new ObjectMapper().readTree(JsonOutput.text(new JsonReport().toJson(report())));
        assertEquals(LOST, json.path("droppedTuples").path("possibleLoss").get(0).asText());
        assertEquals(TWIN, json.path("droppedTuples").path("withTwin").get(0).asText());
        assertEquals("drop", json.path("droppedTuples").path("usernameTuples").asText());
    }
}
