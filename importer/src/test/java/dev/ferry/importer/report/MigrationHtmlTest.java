package dev.ferry.importer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.importer.journal.BundleRecord;
import dev.ferry.importer.migration.Migration;
import dev.ferry.importer.migration.MigrationReader;
import dev.ferry.importer.migration.Pass;
import dev.ferry.importer.migration.StoreChanges;
import dev.ferry.importer.validate.ValidationRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The migration report's content, from a two-pass migration built by hand: order, counts, decision, escaping. */
class MigrationHtmlTest {
    private static final String HOSTILE = "kea<script>alert(1)</script>\"&'\u001b[31m";
    private static final Instant T0 = Instant.parse("2026-12-01T20:00:00Z");

    private static Pass first() {
        BundleRecord b = new BundleRecord("aaaa1111", null, T0, HOSTILE, "PT40M", "skipped (live pass)", null, 9, 25L << 30,
                Map.of("postgres", Map.of("rows", 120_000L, "tables", 6L), "objects", Map.of("objects", 30_000L, "bytes", 25L << 30)));
        return new Pass("aaaa1111", b, T0.plusSeconds(7200), T0.plusSeconds(10_800), Duration.ofMinutes(9),
                List.of(new StoreChanges("postgres", true, 120_000, 0, 0), new StoreChanges("objects", true, 30_000, 0, 0)),
                validation("aaaa1111", T0.plusSeconds(11_000), "PASS", List.of(), 3));
    }

    private static Pass freeze(String verdict) {
        BundleRecord b = new BundleRecord("bbbb2222", "aaaa1111", T0.plusSeconds(86_400), HOSTILE, "PT2M", "checked",
                "size, ETag, last-modified", 3, 400L << 20,
                Map.of("postgres", Map.of("rows", 120_040L, "tables", 6L), "objects", Map.of("objects", 600L, "deleted", 300L)));
        return new Pass("bbbb2222", b, T0.plusSeconds(86_700), T0.plusSeconds(87_000), Duration.ofSeconds(20),
                List.of(new StoreChanges("postgres", true, 41, 7, 3), new StoreChanges("objects", true, 400, 200, 300)),
                validation("bbbb2222", T0.plusSeconds(87_010), verdict, verdict.equals("PASS") ? List.of() : List.of("Row count of " + HOSTILE), 0));
    }

    private static ValidationRecord validation(String id, Instant at, String verdict, List<String> failures, int loss) {
        return new ValidationRecord(id, verdict, at, at.plusSeconds(90), 40, 40 - failures.size(), false, List.of("postgres", "objects"),
                failures, loss, loss + 2);
    }

    private static String render(Pass... passes) {
        List<Pass> list = List.of(passes);
        return new MigrationHtml().render(new Migration(Path.of("/var/lib/ferry/state"), list,
                MigrationReader.decide(list), T0.plusSeconds(90_000)));
    }

    @Test
    void followsThePlanBothPassesValidationAndTheDecisionInOrder() {
        String html = render(first(), freeze("PASS"));
        String[] stages = {"<b>Plan</b>", "<b>First pass — export</b>", "<b>First pass — verify and load</b>", "<b>First pass — validation</b>",
            "<b>Freeze pass — export</b>", "<b>Freeze pass — verify and load</b>", "<b>Freeze pass — validation</b>", "<b>Decision</b>"};
        int at = -1;
        for (String stage : stages) {
            int next = html.indexOf(stage);
            assertTrue(next > at, stage + " comes after the stage before it");
            at = next;
        }
        assertTrue(html.contains("GO — traffic may be switched to the Target"), html);
        assertTrue(html.contains("a delta of bundle aaaa1111"));
        assertTrue(html.contains("freeze guard: skipped (live pass)") && html.contains("freeze guard: checked"));
        // Timings: the exports' durations, the loads' and validations', and the freeze's window (export start to validation end).
        assertTrue(html.contains("40m 00s") && html.contains("2m 00s") && html.contains("1h 00m 00s") && html.contains("1m 30s"), html);
        assertTrue(html.contains("<b>11m 40s</b><small>freeze pass: export start → validation end</small>"), html);
        // What the freeze pass changed per store: added, changed, removed.
        Matcher objects = Pattern.compile("Object storage</td><td>[^<]*</td><td class=\"num\">400</td><td class=\"num\">200</td>"
                + "<td class=\"num\">300</td>").matcher(html);
        assertTrue(objects.find(), html);
        assertTrue(html.contains("PostgreSQL</td><td>6 tables, 120,040 rows</td><td class=\"num\">41</td><td class=\"num\">7</td><td class=\"num\">3</td>"),
                html);
        assertTrue(html.contains("120,000 rows") && html.contains("600 objects, 300 deleted"));
    }

    @Test
    void aFailedFreezeValidationIsANoGoWithItsReason() {
        String html = render(first(), freeze("FAIL"));
        assertTrue(html.contains("NO-GO — do not switch traffic yet"));
        assertTrue(html.contains("the validation of the freeze pass (bundle bbbb2222) did not pass: Row count of kea&lt;script&gt;"), html);
    }

    @Test
    void onlyALivePassIsANoGoThatAsksForTheFreezePass() {
        Migration.Decision d = MigrationReader.decide(List.of(first()));
        assertFalse(d.go());
        assertTrue(d.reason().contains("ferry-export run --since aaaa1111"), d.reason());
    }

    @Test
    void hostileNamesAreEscaped() {
        String html = render(first(), freeze("FAIL"));
        assertFalse(html.contains("<script>"), "no markup from the bundle reaches the page");
        assertFalse(html.contains("\u001b"), "no control character either");
        assertTrue(html.contains("kea&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;\\x1b[31m"), html);
        assertEquals(1, html.split("<script", -1).length, "not one script element");
    }
}
