package dev.ferry.importer.report;

import dev.ferry.importer.validate.BundleFacts;
import dev.ferry.importer.validate.CheckResult;
import dev.ferry.importer.validate.CheckStatus;
import dev.ferry.importer.validate.Reminder;
import dev.ferry.importer.validate.StoreTally;
import dev.ferry.importer.validate.ValidationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reports built by hand, to test rendering without stores. */
final class SampleReports {
    static final Instant START = Instant.parse("2026-11-24T16:00:00Z");

    private SampleReports() {
    }

    static CheckResult check(String id, String store, CheckStatus status, String... differences) {
        return new CheckResult(id, store, "Check " + id, status, "12 rows", status == CheckStatus.PASS ? "12 rows" : "11 rows",
                List.of(differences), 0, Duration.ofMillis(40));
    }

    static ValidationReport report(List<CheckResult> checks, List<Reminder> reminders) {
        return new ValidationReport(
                new BundleFacts("b-123", "kea-prod", Instant.parse("2026-11-24T15:00:00Z"), "0.1.0",
                        "0123456789ABCDEF0123456789ABCDEF01234567"),
                START, START.plusSeconds(75), Duration.ofSeconds(12),
                List.of(new StoreTally("postgres", Map.of("rows:agent", 12L), Map.of("rows:agent", 11L), Duration.ofSeconds(3))),
                checks, reminders);
    }
}
