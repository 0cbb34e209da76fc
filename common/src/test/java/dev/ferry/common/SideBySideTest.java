package dev.ferry.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tasks run at once, outcomes come back in the tasks' order, and a failure either waits for the rest or stops them. */
class SideBySideTest {
    @Test
    void everyTaskRunsAtOnceAndOutcomesKeepTheTasksOrder() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        List<String> ended = new ArrayList<>();
        List<SideBySide.Outcome<String>> out = SideBySide.run("test", List.of(
                task("a", started, 300), task("b", started, 150), task("c", started, 0)), false, ended::add);
        assertEquals(List.of("a", "b", "c"), out.stream().map(SideBySide.Outcome::get).toList());
        assertEquals(List.of("c", "b", "a"), ended, "each task reported as it ends, on the calling thread");
    }

    @Test
    void withoutStoppingEveryTaskEndsAndEachFailureIsInItsOutcome() throws Exception {
        StoreException refused = new StoreException("the store refused", "fix it");
        CountDownLatch slowDone = new CountDownLatch(1);
        List<SideBySide.Outcome<String>> out = SideBySide.run("test", List.of(
                new SideBySide.Task<>("slow", () -> {
                    Thread.sleep(200);
                    slowDone.countDown();
                    return "slow";
                }),
                new SideBySide.Task<String>("failing", () -> {
                    throw refused;
                })), false, name -> {
                });
        assertEquals(0, slowDone.getCount(), "the other task ran to its end");
        assertEquals("slow", out.get(0).get());
        assertNull(out.get(1).value());
        assertSame(refused, out.get(1).failure());
        assertSame(refused, assertThrows(StoreException.class, out.get(1)::get), "get() throws the failure as thrown");
    }

    @Test
    void stoppingThrowsTheFirstFailureAsThrownAndInterruptsTheOthers() throws Exception {
        StoreException refused = new StoreException("the store refused", "fix it");
        CountDownLatch interrupted = new CountDownLatch(1);
        StoreException thrown = assertThrows(StoreException.class, () -> SideBySide.run("test", List.of(
                new SideBySide.Task<String>("waiting", () -> {
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return "never";
                }),
                new SideBySide.Task<String>("failing", () -> {
                    throw refused;
                })), true, name -> {
                }));
        assertSame(refused, thrown);
        assertEquals(true, interrupted.await(30, TimeUnit.SECONDS), "the task still running is interrupted");
    }

    @Test
    void noTasksNoOutcomes() throws Exception {
        assertEquals(List.of(), SideBySide.run("test", List.<SideBySide.Task<String>>of(), true, name -> {
        }));
    }

    private static SideBySide.Task<String> task(String name, CountDownLatch started, long millis) {
        return new SideBySide.Task<>(name, () -> {
            started.countDown();
            if (!started.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " ran alone: the tasks are not run side by side");
            }
            Thread.sleep(millis);
            return name;
        });
    }
}
