package dev.ferry.importer.validate;

import dev.ferry.common.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting on a check that ran in the object pool: a store failure surfaces as itself, with its message and fix. */
final class Futures {
    private Futures() {
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw e;
        }
    }
}
