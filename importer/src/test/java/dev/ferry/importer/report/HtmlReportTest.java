package dev.ferry.importer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.ExitCode;
import dev.ferry.common.LocalIoException;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.Reminder;
import dev.ferry.importer.validate.ValidationReport;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static String render(ValidationReport r) {
        StringWriter w = new StringWriter();
        new HtmlReport().render(r, w);
        return w.toString();
    }

    @Test
    void isOneSelfContainedDocumentWithNoExternalReference() {
        String html = render(SampleReports.report(List.of(SampleReports.check("postgres.table.agent", "postgres", CheckStatus.PASS)),
                List.of()));

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<style>"), "the CSS is inline");
        assertFalse(Pattern.compile("(?i)<script|<link|<img|<iframe|@import|url\\(|src=|href=").matcher(html).find(),
                "no script, stylesheet link, image or any other fetched asset");
        assertFalse(Pattern.compile("(?i)https?://").matcher(html).find(), "no URL at all");
        assertTrue(html.contains("default-src 'none'"), "a CSP forbids any fetch even if content were injected");
        assertEquals(1, count(html, "<html"), "one document");
    }

    @Test
    void escapesEveryStringThatCameFromAStoreOrBundle() {
        String hostile = "<script>alert('x')</script>&\"";
        var r = SampleReports.report(List.of(SampleReports.check(hostile, hostile, CheckStatus.FAIL, "row " + hostile + " differs")),
                List.of(new Reminder("r", hostile, hostile, List.of())));

        String html = render(r);

        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("alert('x')"), "quotes are escaped too");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
        assertTrue(html.contains("row &lt;script&gt;"), "the difference is shown, escaped");
    }

    @Test
    void showsTheVerdictEveryCheckCountsAndTimings() {
        var r = SampleReports.report(List.of(
                SampleReports.check("postgres.table.agent", "postgres", CheckStatus.FAIL, "row agent.id='Rico' differs in column name"),
                SampleReports.check("openfga.tuples", "openfga", CheckStatus.PASS)), List.of());

        String html = render(r);

        assertTrue(html.contains("FAIL — the Target differs from the bundle"));
        assertTrue(html.contains("Do not cut over"));
        assertTrue(html.contains("Check postgres.table.agent") && html.contains("Check openfga.tuples"));
        assertTrue(html.contains("row agent.id=&#39;Rico&#39; differs in column name"));
        assertTrue(html.contains("rows:agent"), "counts per store");
        assertTrue(html.contains("1m 15s"), "total time");
        assertTrue(html.contains("12.0 s"), "bundle verification time");
    }

    @Test
    void aPassingReportSaysSo() {
        String html = render(SampleReports.report(List.of(SampleReports.check("x", "postgres", CheckStatus.PASS)), List.of()));
        assertTrue(html.contains("PASS — the Target matches the bundle"));
        assertFalse(html.contains("Do not cut over"));
    }

    @Test
    void namesPeopleByCountOnly() {
        var r = SampleReports.report(List.of(SampleReports.check("x", "keycloak", CheckStatus.PASS)),
                List.of(new Reminder("keycloak.password-reset", "Users who must reset their password",
                        "Their hash was not carried.", List.of("alice.secretname", "bob.secretname"))));

        String html = render(r);

        assertTrue(html.contains("Users who must reset their password"));
        assertTrue(html.contains("2 concerned"));
        assertFalse(html.contains("secretname"), "user names stay out of the management report");
    }

    @Test
    void writesTheFileAtomically(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/report.html");
        new HtmlReport().write(SampleReports.report(List.of(SampleReports.check("x", "postgres", CheckStatus.PASS)), List.of()), file);
        assertTrue(Files.readString(file, StandardCharsets.UTF_8).endsWith("</html>\n"));
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void aReportThatCannotBeWrittenIsALocalIoError() {
        Path unwritable = Path.of("/proc", "ferry-test-" + ProcessHandle.current().pid(), "report.html");
        LocalIoException e = assertThrows(LocalIoException.class, () -> new HtmlReport().write(
                SampleReports.report(List.of(SampleReports.check("x", "postgres", CheckStatus.PASS)), List.of()), unwritable));
        assertEquals(ExitCode.LOCAL_IO, e.exitCode());
        assertTrue(e.problem().startsWith("cannot write the HTML report (" + unwritable + ")"), e.problem());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
