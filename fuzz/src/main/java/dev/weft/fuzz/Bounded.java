package dev.weft.fuzz;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz case on a fresh daemon thread with a 64 MB stack and a time bound. A case that
 * does not finish in time is reported as {@link Hang}; its thread cannot be stopped and is left
 * behind, so the long-run driver stops after a hang (see FuzzMain).
 */
public final class Bounded {
    private Bounded() {}

    /** The case did not finish within the bound. */
    public static final class Hang extends Exception {
        public Hang(long millis) {
            super("no result after " + millis + " ms");
        }
    }

    /**
     * One long-lived thread (64 MB stack) that runs cases one after another, for checks of
     * per-thread state such as the continuation counters. Closing it lets the thread end.
     */
    public static final class Worker implements AutoCloseable {
        private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "weft-fuzz-worker", 64L << 20);
            t.setDaemon(true);
            return t;
        });

        public <T> T run(long millis, Callable<T> body) throws Hang, ExecutionException {
            java.util.concurrent.Future<T> f = executor.submit(body);
            try {
                return f.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new Hang(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExecutionException(e);
            }
        }

        @Override
        public void close() {
            executor.shutdown();
        }
    }

    /** The result of {@code body}, or what it threw (any Throwable, wrapped as the cause). */
    public static <T> T run(String name, long millis, Callable<T> body) throws Hang, ExecutionException {
        FutureTask<T> task = new FutureTask<>(body);
        Thread t = new Thread(null, task, name, 64L << 20);
        t.setDaemon(true);
        t.start();
        try {
            return task.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Hang(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        }
    }
}
