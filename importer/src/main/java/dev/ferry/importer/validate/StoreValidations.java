package dev.ferry.importer.validate;

import dev.ferry.archive.manifest.StoreSummary;
import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.common.SideBySide;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-store checks of one validate, each store on its own thread ({@link SideBySide}) with its own checklist. A store's checks read
 * only that store (and the bundle), so they do not wait for one another: validate takes about as long as its slowest
 * store (listing the buckets, reading the realm), not the sum of all. The results are reported in the order the
 * stores were added, whatever order they finish in.
 */
final class StoreValidations {
    /** One store's checks: adds results to its checklist and the counts read from the Target to {@code actual}. */
    @FunctionalInterface
    interface StoreRun {
        void run(Checklist checklist, Map<String, Long> expected, Map<String, Long> actual);
    }

    private final Clock clock;
    private final VerifiedBundle bundle;
    private final Map<String, StoreRun> runs = new LinkedHashMap<>();

    StoreValidations(Clock clock, VerifiedBundle bundle) {
        this.clock = clock;
        this.bundle = bundle;
    }

    void add(String store, StoreRun run) {
        runs.put(store, run);
    }

    /**
     * Runs every store's checks at once, appends their results to {@code checklist} in the stores' order, and returns
     * their tallies in that order. A store whose checks fail outside a check (a bundle that cannot be read) fails the
     * whole validate, as when the stores ran one after the other, once every store has finished.
     */
    List<StoreTally> runAll(Checklist checklist) {
        Map<String, Checklist> lists = new LinkedHashMap<>();
        List<SideBySide.Task<StoreTally>> tasks = new ArrayList<>();
        runs.forEach((store, run) -> {
            Checklist own = new Checklist(clock);
            lists.put(store, own);
            tasks.add(new SideBySide.Task<>(store, () -> tally(store, run, own)));
        });
        List<SideBySide.Outcome<StoreTally>> done;
        try {
            done = SideBySide.run("ferry-validate-store", tasks, false, store -> {
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating the Target stores", e);
        }
        List<StoreTally> out = new ArrayList<>();
        RuntimeException failed = null;
        for (SideBySide.Outcome<StoreTally> o : done) {
            if (o.failure() == null) {
                out.add(o.value());
                checklist.append(lists.get(o.name()));
            } else if (failed == null) {
                failed = o.failure() instanceof RuntimeException re ? re : new IllegalStateException(o.failure());
            }
        }
        if (failed != null) {
            throw failed;
        }
        return out;
    }

    private StoreTally tally(String store, StoreRun run, Checklist checklist) {
        Instant start = clock.instant();
        StoreSummary summary = bundle.manifest().stores().get(store);
        Map<String, Long> expected = new HashMap<>(summary == null ? Map.of() : summary.counts());
        Map<String, Long> actual = new HashMap<>();
        run.run(checklist, expected, actual);
        return new StoreTally(store, expected, actual, Duration.between(start, clock.instant()));
    }
}
