package dev.ferry.importer.load;

import dev.ferry.archive.read.VerifiedBundle;
import dev.ferry.cli.Progress;
import dev.ferry.common.FerryException;
import dev.ferry.common.SideBySide;
import dev.ferry.importer.journal.Journal;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-write checks of the selected stores, run at the same time ({@link SideBySide}). Each check reads only its own Target store and
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
        List<SideBySide.Task<StoreOutcome>> checks = new ArrayList<>();
        for (StoreLoader l : loaders) {
            progress.info(l.store().label(), "checking the Target");
            checks.add(new SideBySide.Task<>(l.store().label(), () -> l.check(bundle, journal)));
        }
        try {
            List<StoreOutcome> outcomes = new ArrayList<>();
            Refusals refusals = new Refusals();
            RuntimeException unexpected = null;
            List<SideBySide.Outcome<StoreOutcome>> checked = SideBySide.run("ferry-check-target", checks, false, store -> {
            });
            for (int i = 0; i < checked.size(); i++) {
                Throwable failure = checked.get(i).failure();
                if (failure == null) {
                    outcomes.add(checked.get(i).value());
                } else if (failure instanceof FerryException refused) {
                    // The other stores are checked all the same: the operator gets every refusal from one run.
                    refusals.add(loaders.get(i).store(), refused);
                } else if (unexpected == null) {
                    unexpected = failure instanceof RuntimeException re ? re : new IllegalStateException(failure);
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
        }
    }
}
