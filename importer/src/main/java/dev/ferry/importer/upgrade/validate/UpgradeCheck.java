package dev.ferry.importer.upgrade.validate;

import java.util.List;

/** One check of §2.5's validation: passed or not, and the findings (ids and counts only, never store content). */
public record UpgradeCheck(String name, boolean passed, String detail, List<String> findings) {
    public UpgradeCheck {
        findings = List.copyOf(findings);
    }

    static UpgradeCheck of(String name, List<String> findings, String passDetail) {
        return new UpgradeCheck(name, findings.isEmpty(), findings.isEmpty() ? passDetail : findings.size() + " finding(s)", findings);
    }
}
