package dev.roger.ra.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    private final SideBySide pool = new SideBySide("test-side", 4);

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void resultsComeInTheItemsOrderWhateverOrderTheCallsEndIn() {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        List<Integer> results = pool.run(items, i -> {
            sleep((40 - i) % 7);
            return i * 10;
        }, r -> false);
        assertEquals(items.stream().map(i -> i * 10).toList(), results);
    }

    @Test
    void callsRunAtOnceUpToThePoolSize() throws Exception {
        // Four calls that each wait for all four: they end only if they run at the same time.
        CountDownLatch together = new CountDownLatch(4);
        List<Boolean> met = pool.run(List.of(1, 2, 3, 4), i -> {
            together.countDown();
            try {
                return together.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }, r -> false);
        assertEquals(List.of(true, true, true, true), met);
    }

    @Test
    void afterAStoppingResultNoFurtherCallBegins() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        List<String> results = pool.run(items, i -> {
            calls.incrementAndGet();
            sleep(2);
            return i == 3 ? "broker down" : "ok";
        }, r -> r.equals("broker down"));
        assertEquals("broker down", results.get(3));
        // At most the calls already begun when item 3 ended; the rest were skipped.
        assertTrue(calls.get() < 20, "calls made: " + calls.get());
        assertNull(results.get(199));
        assertEquals(calls.get(), results.stream().filter(r -> r != null).count());
    }

    @Test
    void anInterruptedCallerStillGetsEveryResultAndKeepsItsFlag() {
        List<Integer> items = IntStream.range(0, 8).boxed().toList();
        Thread.currentThread().interrupt();
        List<Integer> results;
        try {
            results = pool.run(items, i -> {
                sleep(20);
                return i;
            }, r -> false);
        } finally {
            assertTrue(Thread.interrupted(), "the caller's interrupt flag is set again");
        }
        assertEquals(items, results);
    }

    @Test
    void aCallThatThrowsFailsTheRunOnlyAfterTheOthersEnded() {
        AtomicInteger ended = new AtomicInteger();
        List<Integer> items = new ArrayList<>(IntStream.range(0, 12).boxed().toList());
        assertThrows(IllegalStateException.class, () -> pool.run(items, i -> {
            if (i == 0) {
                throw new IllegalArgumentException("bug");
            }
            sleep(30);
            ended.incrementAndGet();
            return i;
        }, r -> false));
        assertEquals(11, ended.get());
    }

    @Test
    void aSingleItemRunsOnTheCallersThread() {
        Thread caller = Thread.currentThread();
        assertEquals(List.of(true), pool.run(List.of(1), i -> Thread.currentThread() == caller, r -> false));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
