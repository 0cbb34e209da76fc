package dev.ferry.stores.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.common.StoreException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreRetryTest {
    @Test
    void aTransientFailureIsTriedFourTimesThenRethrownWrapped() {
        AtomicInteger calls = new AtomicInteger();
        IOException reset = new IOException("connection reset");
        StoreRetry.StoreCallException e = assertThrows(StoreRetry.StoreCallException.class, () -> StoreRetry.standard().get(() -> {
            calls.incrementAndGet();
            throw reset;
        }));
        assertEquals(4, calls.get());
        assertSame(reset, e.getCause());
    }

    @Test
    void aFailureThatWaitingCannotHealIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(StoreRetry.StoreCallException.class, () -> StoreRetry.standard().get(() -> {
            calls.incrementAndGet();
            throw new ConnectException("connection refused");
        }));
        StoreException explained = new StoreException("refused", "fix it");
        assertSame(explained, assertThrows(StoreException.class, () -> StoreRetry.standard().get(() -> {
            calls.incrementAndGet();
            throw explained;
        })));
        assertEquals(2, calls.get(), "one attempt each");
    }

    @Test
    void aStoreSpecificTestAddsTransientFailuresAndASuccessEndsTheRetries() {
        AtomicInteger calls = new AtomicInteger();
        String result = StoreRetry.standardOr(e -> e instanceof IllegalStateException).get(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("busy");
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(3, calls.get());
    }
}
