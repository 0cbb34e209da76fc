package dev.ferry.importer.load;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.cli.Progress;
import dev.ferry.common.FerryException;
import dev.ferry.importer.journal.Journal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The pre-write checks of the selected stores, run at the same time. Each check reads only its own Target store and
 * the bundle, and writes nothing, so none depends on another's result or order: run one after the other, the load
 * waited for the sum of round trips to four servers (listing the buckets, reading the realm, reading the tuple set)
 * instead of the slowest. Nothing is written before every check has answered, and every store's refusal is
 * gathered, in load order, so one run still names them all.
 */
final class TargetChecks {
    private TargetChecks() {
    }

    /** The outcome of each check, in the loaders' order; throws the refusals together, or a check's unexpected failure. */
    static List<StoreOutcome> run(List<StoreLoader> loaders, VerifiedBundle bundle, Journal journal, Progress progress) {
        if (loaders.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(loaders.size(), r -> {
            Thread t = new Thread(r, "ferry-check-target");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<StoreLoader, Future<StoreOutcome>> checks = new LinkedHashMap<>();
            for (StoreLoader l : loaders) {
                progress.info(l.store().label(), "checking the Target");
                checks.put(l, pool.submit(() -> l.check(bundle, journal)));
            }
            List<StoreOutcome> outcomes = new ArrayList<>();
            Refusals refusals = new Refusals();
            RuntimeException unexpected = null;
            for (Map.Entry<StoreLoader, Future<StoreOutcome>> c : checks.entrySet()) {
                try {
                    outcomes.add(c.getValue().get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof FerryException refused) {
                        // The other stores are checked all the same: the operator gets every refusal from one run.
                        refusals.add(c.getKey().store(), refused);
                    } else if (unexpected == null) {
                        unexpected = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (unexpected != null) {
                throw unexpected;
            }
            refusals.throwIfAny();
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the Target stores; nothing was written", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
