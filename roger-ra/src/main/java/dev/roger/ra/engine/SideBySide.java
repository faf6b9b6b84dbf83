package dev.roger.ra.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs a list of broker calls a few at a time and waits for all of them, for a caller that must
 * know every outcome before it goes on (the registry starts consumers under its lock, so that a
 * pause or a stop that follows finds them). A consumer start is three round trips (channel,
 * prefetch, consume); ten thousand of them one after another kept a start of ten thousand
 * tenants waiting on the broker's answers while it had cores to spare.
 */
final class SideBySide implements AutoCloseable {

    private final int threads;
    private final ThreadPoolExecutor pool;

    SideBySide(String name, int threads) {
        this.threads = threads;
        this.pool = dev.roger.client.amqp.DaemonThreads.pool(name, threads);
    }

    /**
     * Calls {@code call} on each item, up to this pool's size at a time, and returns the results in
     * the items' order. Once a result matches {@code stopAfter}, items not begun yet are not
     * called (their result is {@code null}): a broker that cannot be reached would fail each in
     * turn. Calls run on this thread when there is only one, or when the pool is closed. Waits
     * for every call begun, even when interrupted (the flag is set again after), since the caller
     * must account for whatever they started. {@code call} returns its failures rather than throw.
     */
    <T, R> List<R> run(List<T> items, Function<T, R> call, Predicate<R> stopAfter) {
        AtomicBoolean stop = new AtomicBoolean();
        Function<T, R> guarded = item -> {
            if (stop.get()) {
                return null;
            }
            R result = call.apply(item);
            if (stopAfter.test(result)) {
                stop.set(true);
            }
            return result;
        };
        if (items.size() <= 1 || threads <= 1) {
            return items.stream().map(guarded).toList();
        }
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            try {
                futures.add(pool.submit(() -> guarded.apply(item)));
            } catch (RejectedExecutionException closed) {
                futures.add(java.util.concurrent.CompletableFuture.completedFuture(guarded.apply(item)));
            }
        }
        List<R> results = new ArrayList<>(items.size());
        boolean interrupted = false;
        Throwable thrown = null;
        for (Future<R> f : futures) {
            while (true) {
                try {
                    results.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    thrown = thrown == null ? e.getCause() : thrown;
                    results.add(null);
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thrown != null) {
            // Only once every call has ended: callers' calls return their failures, so this is a bug.
            throw new IllegalStateException("A call run side by side threw", thrown);
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
