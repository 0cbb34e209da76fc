package dev.ferry.archive.seal;

import dev.ferry.archive.format.FormatRules;
import dev.ferry.archive.manifest.StoreSummary;
import dev.ferry.common.LocalIoException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * A store's writer: hands each new entry an idle lane, opening a new lane (up to the parallelism) only when every
 * existing one is busy, so a single-threaded caller writes one chain of parts and concurrent callers use all cores.
 */
final class LanedStoreWriter implements StoreWriter {
    private final SealContext ctx;
    private final String store;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Lane> idle = new ConcurrentLinkedDeque<>();
    private final List<Lane> lanes = new ArrayList<>();
    private final Set<String> paths = ConcurrentHashMap.newKeySet();
    /** Threads with an entry open, to refuse the one call that would otherwise wait for itself forever. */
    private final Map<Thread, Integer> writers = new ConcurrentHashMap<>();
    private final Map<String, Long> counts = new TreeMap<>();
    private long entries;
    private long plaintextBytes;
    private volatile Throwable failure;
    private boolean closed;

    LanedStoreWriter(SealContext ctx, String store) {
        this.ctx = ctx;
        this.store = store;
        this.permits = new Semaphore(ctx.parallelism);
    }

    @Override
    public EntryOutputStream newEntry(String path) {
        String problem = FormatRules.pathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("entry path '" + path + "' of store " + store + " " + problem);
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("store " + store + " is already closed");
            }
        }
        if (!paths.add(path)) {
            throw new IllegalArgumentException("entry path '" + path + "' is used twice in store " + store);
        }
        checkHealthy();
        if (!permits.tryAcquire()) {
            if (writers.containsKey(Thread.currentThread())) {
                paths.remove(path);
                throw new IllegalStateException("entry '" + path + "' of store " + store + " is opened while this thread still writes"
                        + " another entry and every lane is busy: close the open entry first (or seal with more parallelism)");
            }
            permits.acquireUninterruptibly();
        }
        writers.merge(Thread.currentThread(), 1, Integer::sum);
        Lane lane = idle.pollFirst();
        if (lane == null) {
            synchronized (this) {
                lane = new Lane(ctx, store, lanes.size() + 1);
                lanes.add(lane);
            }
        }
        try {
            return new LaneEntryStream(this, lane, path);
        } catch (java.io.IOException e) {
            release(lane, Thread.currentThread());
            failed(e);
            throw writeFailure(e);
        }
    }

    void release(Lane lane, Thread opener) {
        writers.computeIfPresent(opener, (t, n) -> n == 1 ? null : n - 1);
        idle.addFirst(lane);
        permits.release();
    }

    synchronized void entryClosed(long size, Map<String, Long> entryCounts) {
        entries++;
        plaintextBytes += size;
        entryCounts.forEach((k, v) -> counts.merge(k, v, Long::sum));
    }

    void failed(Throwable e) {
        failure = e;
    }

    private void checkHealthy() {
        if (failure != null) {
            throw new IllegalStateException("store " + store + " failed earlier: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!permits.tryAcquire(ctx.parallelism)) {
            throw new IllegalStateException("store " + store + " is closed while entries are still being written: close every entry first");
        }
        checkHealthy();
        try {
            for (Lane lane : lanes) {
                lane.close();
            }
        } catch (IOException e) {
            failure = e;
            throw writeFailure(e);
        }
    }

    LocalIoException writeFailure(IOException e) {
        return new LocalIoException("cannot write the parts of store " + store + " in " + ctx.directory + ": " + e.getMessage(),
                "check free space and permissions of the output directory", e);
    }

    boolean isClosed() {
        synchronized (this) {
            return closed;
        }
    }

    synchronized StoreSummary summary() {
        return new StoreSummary(Map.copyOf(counts), entries, plaintextBytes);
    }

    void abandon() {
        for (Lane lane : lanes) {
            lane.abandon();
        }
    }
}
