package dev.ferry.importer.validate;

import dev.ferry.common.ExitCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything a validation run found: the input of every renderer (terminal, JSON, HTML).
 *
 * @param bundle         the bundle compared with
 * @param startedAt      when validation started
 * @param finishedAt     when it ended
 * @param verifyDuration time spent verifying the bundle before reading the Target
 * @param stores         counts and timings per store
 * @param checks         every check, in checklist order
 * @param reminders      work that needs a person
 * @param dropped        what the load's subject filter left out of OpenFGA on purpose (none when OpenFGA was not validated)
 */
public record ValidationReport(BundleFacts bundle, Instant startedAt, Instant finishedAt, Duration verifyDuration,
        List<StoreTally> stores, List<CheckResult> checks, List<Reminder> reminders, DroppedTuples dropped) {

    public ValidationReport {
        stores = List.copyOf(stores);
        checks = List.copyOf(checks);
        reminders = List.copyOf(reminders);
        dropped = dropped == null ? DroppedTuples.NONE : dropped;
    }

    /** A report of a validation that did not look at OpenFGA's dropped tuples. */
    public ValidationReport(BundleFacts bundle, Instant startedAt, Instant finishedAt, Duration verifyDuration,
            List<StoreTally> stores, List<CheckResult> checks, List<Reminder> reminders) {
        this(bundle, startedAt, finishedAt, verifyDuration, stores, checks, reminders, DroppedTuples.NONE);
    }

    /** PASS only when there is at least one check and every check passed. */
    public CheckStatus verdict() {
        if (checks.stream().anyMatch(c -> c.status() == CheckStatus.ERROR)) {
            return CheckStatus.ERROR;
        }
        if (checks.isEmpty() || checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL)) {
            return CheckStatus.FAIL;
        }
        return CheckStatus.PASS;
    }

    /** 0 only if every check passes; 4 if a store could not be read; 5 on any mismatch. */
    public ExitCode exitCode() {
        return switch (verdict()) {
            case PASS -> ExitCode.OK;
            case ERROR -> ExitCode.STORE;
            case FAIL -> ExitCode.MISMATCH;
        };
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    public Duration totalDuration() {
        return Duration.between(startedAt, finishedAt);
    }
}
