package dev.roger.ra.inbound;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Items waiting per partition, taken one partition per turn: the next item comes from the
 * partition after the one served last, among those with items. Not thread-safe.
 */
final class FairQueue<T> {

    private final Map<String, ArrayDeque<T>> waiting = new HashMap<>();
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int size;

    void add(String partition, T item) {
        ArrayDeque<T> queue = waiting.computeIfAbsent(partition, p -> new ArrayDeque<>());
        if (queue.isEmpty()) {
            turns.addLast(partition);
        }
        queue.addLast(item);
        size++;
    }

    /** The next item in turn, or {@code null} when nothing waits. */
    T next() {
        String partition = turns.pollFirst();
        if (partition == null) {
            return null;
        }
        ArrayDeque<T> queue = waiting.get(partition);
        T item = queue.pollFirst();
        if (queue.isEmpty()) {
            waiting.remove(partition);
        } else {
            turns.addLast(partition);
        }
        size--;
        return item;
    }

    int size() {
        return size;
    }
}
