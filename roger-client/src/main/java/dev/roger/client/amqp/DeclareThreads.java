package dev.roger.client.amqp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few daemon threads that run queue declarations side by side, for when many queues are
 * declared at once (a thousand tenants starting): a declaration mostly waits for the broker, and
 * one after another they took several times as long. The threads end when idle, so a node that
 * starts nothing has none.
 */
public final class DeclareThreads implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    public DeclareThreads(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /** @throws java.util.concurrent.RejectedExecutionException once closed */
    public CompletableFuture<Void> run(Runnable declaration) {
        return CompletableFuture.runAsync(declaration, pool);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
