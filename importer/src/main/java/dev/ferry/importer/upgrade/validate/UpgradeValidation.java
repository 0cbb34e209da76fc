package dev.ferry.importer.upgrade.validate;

import dev.ferry.importer.upgrade.run.UpgradeSummary;
import java.util.List;

/** The outcome of {@code ferry-import upgrade validate}: the plan it recomputed from kea, and every check. */
public record UpgradeValidation(UpgradeSummary expected, List<UpgradeCheck> checks) {
    public UpgradeValidation {
        checks = List.copyOf(checks);
    }

    /** Zero GAPs and every check passing: the only state in which the ingress may be switched to swift. */
    public boolean passed() {
        return expected.gaps().isEmpty() && checks.stream().allMatch(UpgradeCheck::passed);
    }
}
