package dev.ferry.importer.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.importer.report.HtmlReport;
import dev.ferry.importer.report.JsonReport;
import dev.ferry.importer.report.TerminalReport;
import dev.ferry.stores.keycloak.LeftOutValues;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.stores.keycloak.MaskedValues.LeftOut;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the Keycloak export left out reaches validate's "needs a person" in the terminal, the JSON and the HTML report:
 * each value with its consequence and fix, the realm keys once, and never a value. The list is read with the bundle
 * entry's own codec ({@link LeftOutValues}), from what {@link MaskedValues} leaves out of a realm read with masks.
 * (The exporter that writes keycloak/left-out.json lands on another branch; the end-to-end tests see the list derived
 * from realm.json, which is what a bundle without the entry gives.)
 */
class LeftOutRemindersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An API read with a masked SMTP password, a masked IdP secret (its alias is hostile text) and an imported key. */
    private static final String READ = """
            {"realm":"shaped","smtpServer":{"host":"mail","auth":"true","user":"mailer","password":"**********"},
             "identityProviders":[{"alias":"corp<b>","config":{"clientId":"ferry","clientSecret":"**********"}}],
             "components":{"org.keycloak.keys.KeyProvider":[
                 {"id":"k1","name":"imported-rsa","providerId":"rsa","config":{"privateKey":["**********"],"certificate":["MIIC"]}},
                 {"id":"k2","name":"hmac-generated","providerId":"hmac-generated","config":{"priority":["100"]}}]}}
            """;

    private static List<LeftOut> throughTheBundleEntry() throws Exception {
        List<LeftOut> leftOut = MaskedValues.leaveOut(JSON.readTree(READ)).leftOut();
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        LeftOutValues.write(leftOut, entry);
        return LeftOutValues.read(new ByteArrayInputStream(entry.toByteArray()));
    }

    @Test
    void eachValueGetsItsConsequenceAndFixAndTheKeysOneReminder() throws Exception {
        List<Reminder> reminders = LeftOutReminders.of(throughTheBundleEntry());

        assertEquals(List.of("Not carried: password of the SMTP server", "Not carried: clientSecret of identity provider 'corp<b>'",
                "Realm keys not carried: users log in again after cutover"), reminders.stream().map(Reminder::title).toList());
        reminders.forEach(r -> assertEquals(LeftOutReminders.ID, r.id()));
        assertTrue(reminders.get(0).detail().startsWith("Without it the Target sends no e-mail"), reminders.get(0).detail());
        assertTrue(reminders.get(0).detail().contains("What to do: re-enter it on the Target (Realm settings → Email)"),
                reminders.get(0).detail());
        assertTrue(reminders.get(1).detail().contains("Identity providers → corp<b> → Client secret"), reminders.get(1).detail());
        Reminder keys = reminders.get(2);
        assertEquals(2, keys.subjects().size(), "the imported key left out and the generated one not carried: " + keys.subjects());
        assertTrue(keys.detail().startsWith("The Target generates new realm keys: every user logs in again"), keys.detail());
        reminders.forEach(r -> assertFalse((r.title() + r.detail() + r.subjects()).contains("*****"), "no mask shown: " + r));
    }

    @Test
    void theThreeReportsListThemUnderNeedsAPerson() throws Exception {
        List<Reminder> reminders = LeftOutReminders.of(throughTheBundleEntry());
        ValidationReport report = new ValidationReport(new BundleFacts("b-1", "kea-prod", Instant.EPOCH, "0.1.0", "ABCD"),
                Instant.EPOCH, Instant.EPOCH.plusSeconds(3), Duration.ZERO, List.of(), List.of(), reminders);

        StringWriter terminal = new StringWriter();
        new TerminalReport().render(report, new TerminalWriter(terminal));
        assertTrue(terminal.toString().contains("* Not carried: password of the SMTP server"), terminal.toString());
        assertTrue(terminal.toString().contains("- keys of key provider 'imported-rsa' (rsa)"), terminal.toString());

        JsonNode json = JSON.readTree(JsonOutput.text(new JsonReport().toJson(report)));
        assertEquals(List.of(LeftOutReminders.ID, LeftOutReminders.ID, LeftOutReminders.ID), json.get("reminders").findValuesAsText("id"));
        assertTrue(json.at("/reminders/1/detail").asText().contains("What to do: re-enter it on the Target"), json.toString());

        StringWriter html = new StringWriter();
        new HtmlReport().render(report, html);
        assertTrue(html.toString().contains("Not carried: clientSecret of identity provider &#39;corp&lt;b&gt;&#39;"), html.toString());
        assertFalse(html.toString().contains("corp<b>"), "the alias is escaped");
        assertTrue(html.toString().contains("Realm keys not carried: users log in again after cutover</b> — 2 concerned"),
                html.toString());
    }

    @Test
    void nothingIsLeftOutWhenTheOfflineExportIsCarried() throws Exception {
        assertEquals(List.of(), LeftOutReminders.read(null, JSON.readTree(READ), true));
    }
}
