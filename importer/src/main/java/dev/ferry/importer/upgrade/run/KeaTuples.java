package dev.ferry.importer.upgrade.run;

import dev.ferry.common.FerryException;
import dev.ferry.importer.upgrade.tuples.FgaTuple;
import dev.ferry.stores.openfga.OpenFgaStoreClient;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * kea's tuples as an iterator over the store client's paged read: one reader thread fills a small bounded queue
 * (a few pages), so the tuple set is never held and kea's OpenFGA sees one sequential reader.
 */
final class KeaTuples implements Iterator<FgaTuple> {
    private static final Object END = new Object();
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1000);
    private Object next;

    KeaTuples(OpenFgaStoreClient kea) {
        Thread reader = new Thread(() -> {
            try {
                kea.forEachTuple(t -> put(FgaTuple.of(t.user(), t.relation(), t.object())));
                put(END);
            } catch (RuntimeException e) {
                put(e);
            }
        }, "kea-tuples");
        reader.setDaemon(true);
        reader.start();
    }

    private void put(Object o) {
        try {
            queue.put(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading kea's tuples", e);
            }
        }
        if (next instanceof FerryException fe) {
            throw fe;
        }
        if (next instanceof RuntimeException re) {
            throw re;
        }
        return next != END;
    }

    @Override
    public FgaTuple next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FgaTuple t = (FgaTuple) next;
        next = null;
        return t;
    }
}
