package dev.ferry.importer.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.common.ExitCode;
import dev.ferry.common.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T16:00:00Z"), ZoneOffset.UTC);

    private static ValidationReport of(List<CheckResult> checks) {
        return new ValidationReport(new BundleFacts("b", "s", CLOCK.instant(), "0.1.0", "F"), CLOCK.instant(), CLOCK.instant(),
                Duration.ZERO, List.of(), checks, List.of());
    }

    @Test
    void exitsZeroOnlyWhenEveryCheckPasses() {
        Checklist list = new Checklist(CLOCK);
        list.run("a", "postgres", "A", () -> Outcome.compare("rows of a", 3L, 3L));
        list.run("b", "openfga", "B", () -> Outcome.compare("tuples", 7L, 7L));
        assertEquals(ExitCode.OK, of(list.results()).exitCode());
    }

    @Test
    void aMismatchIsExitFiveAndNamesTheDifference() {
        Checklist list = new Checklist(CLOCK);
        list.run("a", "postgres", "A", () -> Outcome.compare("rows of a", 3L, 3L));
        CheckResult bad = list.run("b", "postgres", "B", () -> Outcome.compare("rows of table tag", 3L, 2L));

        assertEquals(CheckStatus.FAIL, bad.status());
        assertEquals(List.of("rows of table tag: bundle has 3, Target has 2"), bad.differences());
        assertEquals(ExitCode.MISMATCH, of(list.results()).exitCode());
    }

    @Test
    void anUnreadableStoreIsExitFourAndTheOtherChecksStillRun() {
        Checklist list = new Checklist(CLOCK);
        CheckResult err = list.run("a", "keycloak", "A", () -> {
            throw new StoreException("Keycloak at 127.0.0.1:1 refused the connection", "start it");
        });
        list.run("b", "postgres", "B", () -> Outcome.compare("rows", 1L, 2L));

        assertEquals(CheckStatus.ERROR, err.status());
        assertEquals(List.of("Keycloak at 127.0.0.1:1 refused the connection", "What to do: start it"), err.differences());
        assertEquals(2, list.results().size());
        assertEquals(ExitCode.STORE, of(list.results()).exitCode());
    }

    @Test
    void noCheckAtAllIsNotAPass() {
        assertEquals(ExitCode.MISMATCH, of(List.of()).exitCode());
    }

    @Test
    void differencesBeyondTheLimitAreCountedNotLost() {
        Differences d = new Differences(2);
        for (int i = 0; i < 5; i++) {
            d.add("tuple " + i);
        }
        Outcome o = Outcome.of("5", "0", d);
        assertEquals(List.of("tuple 0", "tuple 1"), o.differences());
        assertEquals(3, o.omitted());
        assertEquals(CheckStatus.FAIL, o.status());
    }

    @Test
    void aBugInACheckIsNotDisguisedAsAStoreError() {
        Checklist list = new Checklist(CLOCK);
        assertThrows(IllegalStateException.class, () -> list.run("a", "x", "A", () -> {
            throw new IllegalStateException("bug");
        }));
    }
}
