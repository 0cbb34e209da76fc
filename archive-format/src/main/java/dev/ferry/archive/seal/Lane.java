package dev.ferry.archive.seal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.archive.format.FormatRules;
import dev.ferry.common.ConfigException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A chain of parts of one store, written one after another by one entry at a time. Several lanes of a store are
 * sealed concurrently; an entry never leaves its lane, so its chunks can be read back in order from the lane alone.
 * Each lane seals on a thread of its own (tar, zstd, signature, encryption) while the entry's writer fills the
 * lane's other chunk buffer and hashes it: two cores even for a single large entry.
 */
final class Lane {
    private final SealContext ctx;
    private final String store;
    private final int number;
    /** The lane's only two chunk buffers: memory stays flat whatever the entry sizes. */
    private final byte[][] buffers;
    private final Future<?>[] inFlight = new Future<?>[2];
    private Future<?> lastTask;
    /** The first sealing failure of this lane (an entry no longer waits for its own sealing, so it is kept here). */
    private volatile Exception failure;
    private final ExecutorService sealer;
    private int partsWritten;
    private PartWriter current;

    Lane(SealContext ctx, String store, int number) {
        this.ctx = ctx;
        this.store = store;
        this.number = number;
        this.buffers = new byte[][] {new byte[ctx.chunkSize], new byte[ctx.chunkSize]};
        this.sealer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ferry-seal-" + store + "-" + number);
            t.setDaemon(true);
            return t;
        });
    }

    /** Buffer {@code i} (0 or 1), once the chunk previously handed off in it is sealed. */
    byte[] buffer(int i) throws IOException {
        await(inFlight[i]);
        inFlight[i] = null;
        rethrowFailure();
        return buffers[i];
    }

    private void rethrowFailure() throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure instanceof RuntimeException re) {
            throw re;
        }
    }

    /** Hands the chunk in buffer {@code i} to the sealing thread. */
    void submitChunk(int i, String path, int chunkNumber, int length, String sha256, boolean last, long completionBytes) {
        byte[] data = buffers[i];
        inFlight[i] = lastTask = submit(() -> writeChunk(path, chunkNumber, data, length, sha256, last, completionBytes));
    }

    void submitCompletion(long size, String sha256, Map<String, Long> counts, JsonNode metadata) {
        lastTask = submit(() -> current.completeEntry(size, sha256, counts, metadata));
    }

    private interface SealTask {
        void run() throws IOException;
    }

    /** Runs tasks in order; after the first failure the rest are refused, and every later wait rethrows it. */
    private Future<?> submit(SealTask task) {
        return sealer.submit(() -> {
            if (failure != null) {
                throw failure;
            }
            try {
                task.run();
            } catch (IOException | RuntimeException e) {
                failure = e;
                throw e;
            }
            return null;
        });
    }

    /** Waits until everything handed off is sealed, rethrowing the first failure. */
    void drain() throws IOException {
        await(lastTask);
        await(inFlight[0]);
        await(inFlight[1]);
        inFlight[0] = null;
        inFlight[1] = null;
        lastTask = null;
        rethrowFailure();
    }

    private static void await(Future<?> task) throws IOException {
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sealing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void writeChunk(String path, int chunkNumber, byte[] data, int length, String sha256, boolean last, long completionBytes)
            throws IOException {
        String member = FormatRules.chunkMemberName(path, chunkNumber);
        if (current == null) {
            open();
        }
        long growth = current.indexGrowth(path, last, completionBytes);
        if (!current.fits(length, member, growth)) {
            if (current.isEmpty()) {
                throw tooSmall(path);
            }
            ctx.partFinished(current.finish(false));
            open();
            growth = current.indexGrowth(path, last, completionBytes);
            if (!current.fits(length, member, growth)) {
                throw tooSmall(path);
            }
        }
        current.writeChunk(path, chunkNumber, data, length, sha256, growth);
    }

    private void open() throws IOException {
        partsWritten++;
        current = new PartWriter(ctx, store, number, partsWritten);
    }

    private ConfigException tooSmall(String path) {
        return new ConfigException("the volume size " + ctx.volumeSize + " bytes is too small to hold entry " + store + "/" + path
                + " with its index record", "choose a larger volume size (the default, 4 GiB - 1 byte, fits FAT32)");
    }

    /** Finishes the lane's last part. */
    void close() throws IOException {
        try {
            drain();
            if (current != null) {
                ctx.partFinished(current.finish(true));
                current = null;
            }
        } finally {
            sealer.shutdown();
        }
    }

    void abandon() {
        sealer.shutdownNow();
        if (current != null) {
            current.abandon();
            current = null;
        }
    }
}
