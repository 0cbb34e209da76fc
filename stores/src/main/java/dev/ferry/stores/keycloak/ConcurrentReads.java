package dev.ferry.stores.keycloak;

import dev.ferry.common.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs independent Admin API reads a few at a time and gives their answers in the order they were asked for, so what
 * is built from them does not depend on which answer came first. A read waits on the network and on Keycloak far more
 * than on this JVM: with a few in flight the server's own threads overlap them (tests/bench/keycloak-read/RESULTS.md).
 * The reads go through {@link KeycloakClient}, whose HTTP client is thread-safe and whose one retry policy retries
 * each read on its own.
 */
final class ConcurrentReads implements AutoCloseable {
    /**
     * How many reads are in flight at once. Enough to hide one request's round trip behind the others; few enough
     * that a Source in production, serving its users during the freeze, sees a handful of admin requests at a time.
     */
    static final int IN_FLIGHT = 6;

    private final ExecutorService pool;

    ConcurrentReads(int inFlight) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "ferry-keycloak-read-" + n.incrementAndGet());
            t.setDaemon(true); // a failed read must never keep the JVM alive
            return t;
        });
    }

    /**
     * {@code read} applied to every item, the answers in the items' order. The first failure (in that order) is
     * rethrown as it is, after the reads not yet started are cancelled.
     */
    <T, R> List<R> map(List<T> items, Function<T, R> read) {
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> read.apply(item)));
        }
        List<R> out = new ArrayList<>(items.size());
        try {
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while reading the Keycloak realm", "re-run the command");
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
