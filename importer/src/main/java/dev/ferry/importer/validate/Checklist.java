package dev.ferry.importer.validate;

import dev.ferry.common.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs checks one after the other and records each as a {@link CheckResult}, timed. A store that cannot be read
 * makes that check an ERROR (exit 4) instead of stopping the whole checklist, so the operator sees every problem in
 * one run.
 */
public final class Checklist {
    private final Clock clock;
    private final List<CheckResult> results = new ArrayList<>();

    public Checklist(Clock clock) {
        this.clock = clock;
    }

    public CheckResult run(String id, String store, String title, Supplier<Outcome> check) {
        Instant start = clock.instant();
        CheckResult result;
        try {
            Outcome outcome = check.get();
            result = new CheckResult(id, store, title, outcome.status(), outcome.expected(), outcome.actual(),
                    outcome.differences(), outcome.omitted(), Duration.between(start, clock.instant()));
        } catch (StoreException e) {
            List<String> why = e.fix().isBlank() ? List.of(e.problem()) : List.of(e.problem(), "What to do: " + e.fix());
            result = new CheckResult(id, store, title, CheckStatus.ERROR, "", "could not be read", why, 0,
                    Duration.between(start, clock.instant()));
        }
        results.add(result);
        return result;
    }

    /** Appends the results of another checklist (a store's, run on its own thread), in their order. */
    void append(Checklist other) {
        results.addAll(other.results);
    }

    public List<CheckResult> results() {
        return List.copyOf(results);
    }
}
