package dev.ferry.importer.openfga;

import dev.ferry.common.StoreException;
import dev.ferry.importer.load.Progress;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import dev.ferry.stores.openfga.TupleRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes tuples in transactional batches at the server's per-request limit (100), with a bounded number in flight.
 * A batch the latest model refuses ({@code validation_error}) is split and each tuple retried against the older
 * models, newest first: a Source store can hold tuples valid only under the model they were written with
 * (openfga-contract.md §6). Tuples no model accepts are collected for the report, never silently lost.
 */
final class TupleWriter implements AutoCloseable {
    static final int MAX_PER_WRITE = 100;

    private final OpenFgaStoreClient client;
    private final List<String> modelsNewestFirst;
    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final Progress.Task task;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private List<TupleRecord> batch = new ArrayList<>(MAX_PER_WRITE);

    TupleWriter(OpenFgaStoreClient client, List<String> modelsNewestFirst, int concurrency, Progress.Task task) {
        this.client = client;
        this.modelsNewestFirst = modelsNewestFirst;
        this.pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "ferry-openfga-writer");
            t.setDaemon(true);
            return t;
        });
        this.inFlight = new Semaphore(concurrency * 2);
        this.task = task;
    }

    /** Adds a tuple; the caller guarantees no tuple key is added twice (a batch may not repeat a key). */
    void add(TupleRecord t) {
        RuntimeException f = failure.get();
        if (f != null) {
            throw f;
        }
        batch.add(t);
        if (batch.size() == MAX_PER_WRITE) {
            submit();
        }
    }

    /** Flushes and waits for every batch; throws the first store failure. */
    void finish() {
        if (!batch.isEmpty()) {
            submit();
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.DAYS)) {
                throw new StoreException("OpenFGA writes did not finish", "re-run with --resume");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing OpenFGA tuples", "re-run with --resume");
        }
        RuntimeException f = failure.get();
        if (f != null) {
            throw f;
        }
    }

    long written() {
        return written.get();
    }

    List<String> refused() {
        return List.copyOf(refused);
    }

    private void submit() {
        List<TupleRecord> toWrite = batch;
        batch = new ArrayList<>(MAX_PER_WRITE);
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing OpenFGA tuples", "re-run with --resume");
        }
        pool.execute(() -> {
            try {
                writeBatch(toWrite);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                inFlight.release();
            }
        });
    }

    private void writeBatch(List<TupleRecord> tuples) {
        if (client.write(tuples, modelsNewestFirst.get(0))) {
            written.addAndGet(tuples.size());
            task.advance(tuples.size());
        } else {
            tuples.forEach(this::writeAlone);
        }
    }

    private void writeAlone(TupleRecord t) {
        for (String model : modelsNewestFirst) {
            if (client.write(List.of(t), model)) {
                written.incrementAndGet();
                task.advance(1);
                return;
            }
        }
        refused.add(t.fingerprintLine().strip());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
