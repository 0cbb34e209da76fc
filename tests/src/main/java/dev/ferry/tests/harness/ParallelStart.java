package dev.ferry.tests.harness;

import dev.ferry.common.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Starts stores side by side (most of a start is waiting for a child process), times each, and on failure
 * stops every store that did start, so a failed start leaves nothing running.
 */
final class ParallelStart implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "ferry-stores-start");
        t.setDaemon(true);
        return t;
    });
    private final List<RunningStore> started = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<?>> futures = new ArrayList<>();
    private final Map<String, Duration> timings = new ConcurrentSkipListMap<>();
    private final long begin = System.nanoTime();

    <T extends RunningStore> CompletableFuture<T> submit(String label, Supplier<T> starter) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            T store = starter.get();
            started.add(store);
            timings.put(label, Duration.ofNanos(System.nanoTime() - start));
            return store;
        }, pool);
        futures.add(future);
        return future;
    }

    /** Waits for every submitted start; throws the first failure, with the others suppressed into it. */
    void awaitAll() {
        RuntimeException failure = null;
        for (CompletableFuture<?> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new StoreException("a store failed to start: " + e.getCause(), "see the cause", e.getCause());
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops every store that started; their own errors are suppressed into {@code failure}. */
    void abort(RuntimeException failure) {
        synchronized (started) {
            for (RunningStore store : started) {
                try {
                    store.close();
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /** e.g. "started in 9.8 s (keycloak source 9.1 s, …)" */
    String report() {
        return String.format(Locale.ROOT, "started in %.1f s (%s)", (System.nanoTime() - begin) / 1e9,
                timings.entrySet().stream()
                        .map(t -> String.format(Locale.ROOT, "%s %.1f s", t.getKey(), t.getValue().toMillis() / 1e3))
                        .collect(Collectors.joining(", ")));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
