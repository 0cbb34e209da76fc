package dev.ferry.exporter.objects;

import dev.ferry.common.StoreException;
import dev.ferry.stores.objects.ObjectInfo;
import dev.ferry.stores.objects.ObjectStoreClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The selected buckets listed by a thread of their own, into a bounded queue that the objects store drains. Started
 * when the objects store opens, it lists the next bucket while this one's objects are copied; started at the
 * beginning of a freeze pass ({@link ObjectsExporter#listAhead()}), it lists while PostgreSQL, Keycloak and OpenFGA
 * are read, so the objects store no longer waits for the server's listing pages. Nothing but the listing is read
 * early, and in a freeze pass the Source stands still: the freeze guard lists again at the end and refuses the
 * bundle if anything moved in between.
 */
public final class ObjectListing implements AutoCloseable {
    /** Listed objects that may wait for the objects store: a few MB, then the listing waits for the copying. */
    static final int AHEAD = 20_000;

    private final ObjectStoreClient client;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final CompletableFuture<Resolved> resolved = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean closed;

    /** The buckets selected, and when their listing started. */
    private record Resolved(List<String> buckets, Instant listedAt) {
    }

    /** The end of the listing, or the failure that ended it. */
    private record End(RuntimeException failure) {
    }

    private ObjectListing(ObjectStoreClient client) {
        this.client = client;
        this.thread = new Thread(this::list, "ferry-objects-listing");
        // A daemon: a listing stuck on the server after another store failed never keeps the exporter from exiting.
        thread.setDaemon(true);
    }

    /** Starts listing the selected buckets of {@code client}'s endpoint now. */
    static ObjectListing start(ObjectStoreClient client) {
        ObjectListing listing = new ObjectListing(client);
        listing.thread.start();
        return listing;
    }

    ObjectStoreClient client() {
        return client;
    }

    private void list() {
        try {
            List<String> buckets = BucketSelector.resolve(client);
            // Taken before the first listing request: every change the listing might miss happened after it.
            resolved.complete(new Resolved(buckets, Instant.now()));
            for (String bucket : buckets) {
                client.list(bucket, this::put);
            }
            put(new End(null));
        } catch (Stopped stopped) {
            // Closed: nobody reads the queue any more.
        } catch (RuntimeException e) {
            resolved.completeExceptionally(e);
            try {
                put(new End(e));
            } catch (Stopped stopped) {
                // Closed meanwhile.
            }
        }
    }

    private void put(Object item) {
        try {
            // Polls for close(): an interrupt alone may be swallowed by the client's retries.
            while (!closed) {
                if (queue.offer(item, 1, TimeUnit.SECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts.
        }
        throw new Stopped();
    }

    /** The selected buckets, sorted (their position from 1 is the bucket index); throws what resolving them threw. */
    List<String> buckets() {
        return resolved().buckets();
    }

    /** When the listing started, by the exporter's clock. */
    Instant listedAt() {
        return resolved().listedAt();
    }

    private Resolved resolved() {
        try {
            return resolved.get();
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Hands every listed object to {@code each} on this thread, in listing order; throws what ended the listing early. */
    void forEach(Consumer<ObjectInfo> each) {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            if (item instanceof End end) {
                if (end.failure() != null) {
                    throw end.failure();
                }
                return;
            }
            each.accept((ObjectInfo) item);
        }
    }

    private static StoreException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new StoreException("The export was interrupted while it listed the objects", "Run the export again and let it finish.", e);
    }

    /** Stops the listing if it still runs (the pass failed, or the objects store stopped early). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        queue.clear();
    }

    /** The listing thread was told to stop. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
