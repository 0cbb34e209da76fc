package dev.ferry.importer.validate;

import dev.ferry.archive.manifest.StoreSummary;
import dev.ferry.archive.read.VerifiedBundle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The per-store checks of one validate, each store on its own thread with its own checklist. A store's checks read
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
        if (runs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(runs.size(), r -> {
            Thread t = new Thread(r, "ferry-validate-store");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Checklist> lists = new LinkedHashMap<>();
            Map<String, CompletableFuture<StoreTally>> tallies = new LinkedHashMap<>();
            runs.forEach((store, run) -> {
                Checklist own = new Checklist(clock);
                lists.put(store, own);
                tallies.put(store, CompletableFuture.supplyAsync(() -> tally(store, run, own), pool));
            });
            List<StoreTally> out = new ArrayList<>();
            RuntimeException failed = null;
            for (Map.Entry<String, CompletableFuture<StoreTally>> t : tallies.entrySet()) {
                try {
                    out.add(t.getValue().join());
                    checklist.append(lists.get(t.getKey()));
                } catch (CompletionException e) {
                    if (failed == null) {
                        failed = e.getCause() instanceof RuntimeException re ? re : e;
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
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
