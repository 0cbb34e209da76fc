package dev.ferry.importer.validate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One named check of the validation checklist (runbook §1.6).
 *
 * @param id          a stable identifier, e.g. "postgres.table.agent", for scripts reading --json
 * @param store       the store it concerns ("postgres", "keycloak", "openfga", "objects" or "cross-store")
 * @param title       what is checked, in words management can read
 * @param status      pass, fail, or error (could not be checked)
 * @param expected    what the bundle says, e.g. "12 rows, fingerprint 3f2a…"
 * @param actual      what the Target holds, in the same terms
 * @param differences each difference named precisely (which row, tuple, user, object); never a secret
 * @param omitted     how many further differences were found but not listed
 * @param duration    how long the check took
 */
public record CheckResult(String id, String store, String title, CheckStatus status, String expected, String actual,
        List<String> differences, long omitted, Duration duration) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        expected = expected == null ? "" : expected;
        actual = actual == null ? "" : actual;
        differences = List.copyOf(differences);
        duration = duration == null ? Duration.ZERO : duration;
    }

    public boolean passed() {
        return status == CheckStatus.PASS;
    }

    /** Every difference found, listed or not. */
    public long differenceCount() {
        return differences.size() + omitted;
    }
}
