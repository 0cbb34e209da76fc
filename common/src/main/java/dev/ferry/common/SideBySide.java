package dev.ferry.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a few independent tasks at the same time, one thread each, and gives their outcomes in the tasks' order
 * whatever order they finish in. Ferry's stores are separate servers: reading or checking them side by side costs
 * the slowest store, not the sum of all. The one way per-store work runs concurrently (the freeze guard, the load's
 * checks, validate), so every such place names its threads, orders its results and stops its threads alike.
 */
public final class SideBySide {
    /** One task: a name (its thread's, for a thread dump taken while it waits on a server) and its work. */
    public record Task<T>(String name, Callable<T> work) {
    }

    /** What one task gave: its value, or what it threw. */
    public record Outcome<T>(String name, T value, Throwable failure) {
        /** The value; a failure is thrown as the task threw it (a checked one wrapped). */
        public T get() {
            if (failure != null) {
                throw unchecked(failure);
            }
            return value;
        }
    }

    private SideBySide() {
    }

    /**
     * Runs every task at once and waits for them.
     *
     * @param threadName         the threads' name, each followed by its task's
     * @param stopAtFirstFailure when a task fails, stop the others (interrupting them) and throw its failure as
     *                           thrown; otherwise every task runs to its end and each failure is in its outcome
     * @param eachDone           called on the calling thread as each task ends, with its name (a progress step)
     */
    public static <T> List<Outcome<T>> run(String threadName, List<Task<T>> tasks, boolean stopAtFirstFailure,
            Consumer<String> eachDone) throws InterruptedException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> {
            // Daemons: a task stuck on a server after another one failed never keeps the tool from exiting.
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<T> done = new ExecutorCompletionService<>(pool);
            Map<Future<T>, Integer> index = new HashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                Task<T> task = tasks.get(i);
                index.put(done.submit(() -> {
                    Thread.currentThread().setName(threadName + "-" + task.name());
                    return task.work().call();
                }), i);
            }
            List<Outcome<T>> outcomes = new ArrayList<>(Collections.nCopies(tasks.size(), null));
            for (int n = 0; n < tasks.size(); n++) {
                Future<T> next = done.take();
                int i = index.get(next);
                String name = tasks.get(i).name();
                try {
                    outcomes.set(i, new Outcome<>(name, next.get(), null));
                } catch (ExecutionException e) {
                    if (stopAtFirstFailure) {
                        throw unchecked(e.getCause());
                    }
                    outcomes.set(i, new Outcome<>(name, null, e.getCause()));
                }
                eachDone.accept(name);
            }
            return outcomes;
        } finally {
            // Stops the tasks still running after a failure; their clients close as their threads end.
            pool.shutdownNow();
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
