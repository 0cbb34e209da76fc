package dev.ferry.exporter.freeze;

import dev.ferry.common.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs the freeze guard's store checks side by side, one thread per store: the stores are independent servers, so
 * the guard then costs its slowest store, not the sum of all four. Each check keeps its one client in its own thread.
 * The movements come back in the order of the checks whatever order they finish in, so the guard's message reads
 * the same every time; the first check to fail stops the others and its error is thrown as it was raised.
 */
final class StoreChecks {
    /** One store's check: reads the store again and describes what moved (empty when nothing did). */
    record Check(String store, Supplier<List<String>> movements) {
    }

    private StoreChecks() {
    }

    /** The movements of every check, in the checks' order; {@code checked} runs (on this thread) as each one ends. */
    static List<String> run(List<Check> checks, Runnable checked) {
        if (checks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(checks.size(), r -> {
            // Daemons: a check stuck on a server after another one failed never keeps the exporter from exiting.
            Thread t = new Thread(r, "ferry-freeze-guard");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<List<String>> done = new ExecutorCompletionService<>(pool);
            Map<Future<List<String>>, Integer> index = new HashMap<>();
            for (int i = 0; i < checks.size(); i++) {
                Check check = checks.get(i);
                index.put(done.submit(() -> {
                    // Names the thread after its store, for a thread dump taken while the guard waits on a server.
                    Thread.currentThread().setName("ferry-freeze-guard-" + check.store());
                    return check.movements().get();
                }), i);
            }
            List<List<String>> byCheck = new ArrayList<>(checks.size());
            checks.forEach(c -> byCheck.add(List.of()));
            for (int n = 0; n < checks.size(); n++) {
                Future<List<String>> next = done.take();
                byCheck.set(index.get(next), next.get());
                checked.run();
            }
            List<String> moved = new ArrayList<>();
            byCheck.forEach(moved::addAll);
            return moved;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("The freeze guard was interrupted before it had read the Source again",
                    "Run the export again and let it finish.", e);
        } finally {
            // Stops the checks still running after a failure; their clients close as their threads end.
            pool.shutdownNow();
        }
    }
}
