package dev.ferry.importer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.output.JsonOutput;
import dev.ferry.cli.output.TerminalWriter;
import dev.ferry.importer.validate.CheckResult;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.ValidationReport;
import dev.ferry.importer.validate.realm.RealmSection;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three reports group Keycloak's checks under the sections of the realm-wide comparison (keycloak-paths §8), in
 * checklist order, with each section's result; a difference names its item, escaped in HTML.
 */
class KeycloakSectionsReportTest {
    private static final String HOSTILE = "realm role '<img src=x>': composites.realm is missing on the Target";

    private static ValidationReport report() {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(SampleReports.check("postgres.table.agent", "postgres", CheckStatus.PASS));
        for (RealmSection s : RealmSection.values()) {
            checks.add(s == RealmSection.ROLES ? SampleReports.check(s.checkId(), "keycloak", CheckStatus.FAIL, HOSTILE)
                    : SampleReports.check(s.checkId(), "keycloak", CheckStatus.PASS));
            if (s == RealmSection.GROUPS) {
                checks.add(SampleReports.check("keycloak.groups", "keycloak", CheckStatus.PASS));
                checks.add(SampleReports.check("keycloak.memberships", "keycloak", CheckStatus.PASS));
            }
            if (s == RealmSection.USERS) {
                checks.add(SampleReports.check("keycloak.users", "keycloak", CheckStatus.PASS));
            }
        }
        return SampleReports.report(checks, List.of());
    }

    @Test
    void theTerminalPrintsEachSectionHeadingWithItsResultBeforeItsChecks() {
        StringWriter out = new StringWriter();
        new TerminalReport().render(report(), new TerminalWriter(out));
        String text = out.toString();

        List<String> headings = text.lines().filter(l -> l.startsWith("  Keycloak / ")).toList();
        assertEquals(List.of("  Keycloak / Realm settings: PASS", "  Keycloak / Roles: FAIL, 1 difference(s)", "  Keycloak / Clients: PASS",
                "  Keycloak / Groups: PASS", "  Keycloak / Users: PASS", "  Keycloak / Identity providers: PASS",
                "  Keycloak / Realm keys: PASS"), headings);
        int roles = text.indexOf("Keycloak / Roles");
        assertTrue(roles < text.indexOf("Check keycloak.realm.roles") && text.indexOf("Check keycloak.realm.roles") < text.indexOf("Keycloak / Clients"),
                "the roles check sits under its heading: " + text);
        assertTrue(text.indexOf("Check keycloak.memberships") < text.indexOf("Keycloak / Users"), "memberships are under Groups: " + text);
        assertFalse(text.contains("PostgreSQL /"), "other stores are not grouped: " + text);
    }

    @Test
    void theJsonGivesEachCheckItsGroupAndEachGroupItsChecks() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonOutput.text(new JsonReport().toJson(report())));

        assertEquals("", json.at("/checks/0/group").asText());
        assertEquals("Roles", json.at("/checks/2/group").asText());
        JsonNode groups = json.get("groups");
        assertEquals(7, groups.size());
        assertEquals("Roles", groups.at("/1/heading").asText());
        assertEquals("FAIL", groups.at("/1/status").asText());
        assertEquals(1, groups.at("/1/differences").asLong());
        assertEquals(List.of("keycloak.realm.clients", "keycloak.realm.client-scopes", "keycloak.realm.scope-mappings",
                "keycloak.realm.authorization"), toList(groups.at("/2/checks")));
        assertEquals(List.of("keycloak.realm.groups", "keycloak.groups", "keycloak.memberships"), toList(groups.at("/3/checks")));
        assertEquals(List.of("keycloak.realm.users", "keycloak.users", "keycloak.realm.service-accounts"), toList(groups.at("/4/checks")));
    }

    @Test
    void theHtmlHeadsEachSectionAndEscapesTheItemNamed() {
        StringWriter html = new StringWriter();
        new HtmlReport().render(report(), html);
        String page = html.toString();

        for (String heading : List.of("Realm settings", "Roles", "Clients", "Groups", "Users", "Identity providers", "Realm keys")) {
            assertTrue(page.contains("<tr class=\"group\"><th colspan=\"5\">" + heading + " <span class=\"pill "), heading);
        }
        assertTrue(page.contains("Roles <span class=\"pill FAIL\">FAIL</span>"), page);
        assertTrue(page.contains("realm role &#39;&lt;img src=x&gt;&#39;: composites.realm is missing on the Target"), page);
        assertFalse(page.contains("<img"), "no markup from a store reaches the page");
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
