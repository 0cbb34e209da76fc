package dev.ferry.importer.objects;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps up to {@code concurrency} object uploads in flight while the bundle's lanes go on reading, which only one
 * entry at a time each: without it, a lane waits for every small object's round trips before it decrypts the next.
 * Uploads are admitted against two bounds: the number in flight, and the bytes held in memory for buffered objects
 * (so the heap stays bounded whatever the object sizes). The first failure stops further admissions and is rethrown.
 * The upgrade's object copy (chapter 2) runs its server-side copies through it too, with no buffer ({@code bytes} 0).
 */
public final class UploadPool implements AutoCloseable {
    public interface Upload {
        void run() throws Exception;
    }

    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final Semaphore memory;
    private final int concurrency;
    private final int memoryBudget;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public UploadPool(int concurrency, int memoryBudget) {
        this.concurrency = concurrency;
        this.memoryBudget = memoryBudget;
        this.inFlight = new Semaphore(concurrency);
        this.memory = new Semaphore(memoryBudget);
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "ferry-upload");
            t.setDaemon(true);
            return t;
        });
    }

    /** The most bytes one buffered object may hold. */
    int maxBuffered() {
        return memoryBudget / 4;
    }

    /** Waits for room for {@code bytes} of buffer; release with {@link #submit} (which frees them when done) or {@link #free}. */
    void reserve(int bytes) throws InterruptedException {
        rethrow();
        memory.acquire(bytes);
    }

    void free(int bytes) {
        memory.release(bytes);
    }

    /** Runs an upload of a buffered object on the pool; its {@code bytes} of reservation are freed when it ends. */
    public void submit(int bytes, Upload upload) throws InterruptedException {
        inFlight.acquire();
        try {
            rethrow();
        } catch (RuntimeException e) {
            inFlight.release();
            memory.release(bytes);
            throw e;
        }
        pool.execute(() -> {
            try {
                if (failure.get() == null) {
                    upload.run();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                memory.release(bytes);
                inFlight.release();
            }
        });
    }

    /** Runs an upload in the caller's thread (a streamed object), counted among those in flight. */
    void runHere(Upload upload) throws Exception {
        inFlight.acquire();
        try {
            rethrow();
            upload.run();
        } finally {
            inFlight.release();
        }
    }

    /** Waits until every admitted upload ended; rethrows the first failure. */
    public void finish() throws InterruptedException {
        inFlight.acquire(concurrency);
        inFlight.release(concurrency);
        rethrow();
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
