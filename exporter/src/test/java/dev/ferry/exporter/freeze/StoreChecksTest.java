package dev.ferry.exporter.freeze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.common.StoreException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The guard's store checks run side by side, report in store order, and fail with the failing store's own error. */
class StoreChecksTest {
    @Test
    void everyCheckRunsAtOnceAndTheMovementsComeBackInStoreOrder() {
        // Each check waits until all four have started: run one after the other, the first would never see the rest.
        CountDownLatch started = new CountDownLatch(4);
        AtomicInteger checked = new AtomicInteger();
        List<String> moved = StoreChecks.run(List.of(
                check("postgres", started, 300, List.of("postgres: moved")),
                check("keycloak", started, 200, List.of()),
                check("openfga", started, 100, List.of("openfga: moved")),
                check("objects", started, 0, List.of("objects: moved"))), checked::incrementAndGet);
        assertEquals(List.of("postgres: moved", "openfga: moved", "objects: moved"), moved);
        assertEquals(4, checked.get(), "one progress step per store");
    }

    @Test
    void aFailingStoreStopsTheGuardWithItsOwnError() {
        StoreException refused = new StoreException("Keycloak at http://kc refused the credentials", "Check keycloak.auth.");
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        StoreException thrown = assertThrows(StoreException.class, () -> StoreChecks.run(List.of(
                new StoreChecks.Check("postgres", () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                    }
                    return List.of();
                }),
                new StoreChecks.Check("keycloak", () -> {
                    throw refused;
                })), () -> {
                }));
        assertSame(refused, thrown, "the store's error reaches the user unchanged");
        assertTrue(waitFor(interrupted), "the check still running is stopped");
    }

    @Test
    void noStoresNoMovements() {
        assertEquals(List.of(), StoreChecks.run(List.of(), () -> {
        }));
    }

    private static StoreChecks.Check check(String store, CountDownLatch started, long millis, List<String> moved) {
        return new StoreChecks.Check(store, () -> {
            started.countDown();
            try {
                if (!started.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError(store + " ran alone: the checks are not run side by side");
                }
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return moved;
        });
    }

    private static boolean waitFor(AtomicInteger n) {
        for (int i = 0; i < 300 && n.get() == 0; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return n.get() > 0;
    }
}
