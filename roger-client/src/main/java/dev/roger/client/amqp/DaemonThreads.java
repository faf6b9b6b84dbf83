package dev.roger.client.amqp;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pools of daemon threads for work Roger runs beside the broker calls of its callers (queue
 * declarations, reads of many queues): daemon, so a forgotten pool never holds a JVM open, and
 * idle threads end after 30 s, so a pool that is seldom busy costs nothing between bursts.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A pool of at most {@code threads} threads named {@code name-1}, {@code name-2} ...; tasks beyond them queue. */
    public static ThreadPoolExecutor pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
