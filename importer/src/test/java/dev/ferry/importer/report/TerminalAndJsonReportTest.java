package dev.ferry.importer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.Reminder;
import dev.ferry.importer.validate.ValidationReport;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.cli.output.TerminalWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalAndJsonReportTest {
    private static final ValidationReport REPORT = SampleReports.report(List.of(
            SampleReports.check("postgres.table.agent", "postgres", CheckStatus.FAIL, "row agent.id='Rico' differs in column name"),
            SampleReports.check("openfga.tuples", "openfga", CheckStatus.PASS)),
            List.of(new Reminder("keycloak.password-reset", "Users who must reset their password", "Not carried.",
                    List.of("alice"))));

    @Test
    void terminalListsEachCheckItsDifferencesTheRemindersAndTheVerdict() {
        StringWriter out = new StringWriter();
        new TerminalReport().render(REPORT, new TerminalWriter(out));
        String text = out.toString();

        assertTrue(text.contains("FAIL   postgres"), text);
        assertTrue(text.contains("- row agent.id='Rico' differs in column name"), text);
        assertTrue(text.contains("PASS   openfga"), text);
        assertTrue(text.contains("rows:agent 12/11"), text);
        assertTrue(text.contains("- alice"), "the operator sees who must reset a password: " + text);
        assertTrue(text.contains("FAIL: 1 of 2 checks found differences. Do not cut over."), text);
    }

    @Test
    void jsonCarriesEveryFieldScriptsNeed() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonOutput.text(new JsonReport().toJson(REPORT)));

        assertEquals("FAIL", json.get("verdict").asText());
        assertEquals(5, json.get("exitCode").asInt());
        assertEquals(1, json.at("/summary/fail").asInt());
        assertEquals(1, json.at("/summary/pass").asInt());
        assertEquals("postgres.table.agent", json.at("/checks/0/id").asText());
        assertEquals("row agent.id='Rico' differs in column name", json.at("/checks/0/differences/0").asText());
        assertEquals(12, json.at("/stores/0/expected/rows:agent").asLong());
        assertEquals(11, json.at("/stores/0/actual/rows:agent").asLong());
        assertEquals("alice", json.at("/reminders/0/subjects/0").asText());
        assertEquals(75_000, json.get("durationMillis").asLong());
    }
}
