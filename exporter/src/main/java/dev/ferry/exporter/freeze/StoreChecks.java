package dev.ferry.exporter.freeze;

import dev.ferry.common.SideBySide;
import dev.ferry.common.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the freeze guard's store checks side by side ({@link SideBySide}), one thread per store, so the guard costs
 * its slowest store, not the sum of all four. Each check keeps its one client in its own thread. The movements come
 * back in the order of the checks whatever order they finish in, so the guard's message reads the same every time;
 * the first check to fail stops the others and its error is thrown as it was raised.
 */
final class StoreChecks {
    /** One store's check: reads the store again and describes what moved (empty when nothing did). */
    record Check(String store, Supplier<List<String>> movements) {
    }

    private StoreChecks() {
    }

    /** The movements of every check, in the checks' order; {@code checked} runs (on this thread) as each one ends. */
    static List<String> run(List<Check> checks, Runnable checked) {
        List<SideBySide.Task<List<String>>> tasks = checks.stream()
                .map(c -> new SideBySide.Task<>(c.store(), () -> c.movements().get())).toList();
        try {
            List<String> moved = new ArrayList<>();
            SideBySide.run("ferry-freeze-guard", tasks, true, store -> checked.run()).forEach(o -> moved.addAll(o.get()));
            return moved;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("The freeze guard was interrupted before it had read the Source again",
                    "Run the export again and let it finish.", e);
        }
    }
}
