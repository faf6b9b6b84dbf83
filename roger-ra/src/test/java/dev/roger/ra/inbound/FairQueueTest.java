package dev.roger.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    @Test
    void partitionsTakeTurnsWhateverTheirBacklog() {
        FairQueue<String> q = new FairQueue<>();
        for (int i = 1; i <= 5; i++) {
            q.add("flood", "f" + i);
        }
        q.add("small", "s1");
        q.add("other", "o1");
        q.add("small", "s2");

        List<String> order = new ArrayList<>();
        String item;
        while ((item = q.next()) != null) {
            order.add(item);
        }
        assertEquals(List.of("f1", "s1", "o1", "f2", "s2", "f3", "f4", "f5"), order);
        assertEquals(0, q.size());
    }

    @Test
    void aPartitionThatRanDryJoinsAtTheEndOfTheTurns() {
        FairQueue<String> q = new FairQueue<>();
        q.add("a", "a1");
        q.add("b", "b1");
        q.add("b", "b2");
        assertEquals("a1", q.next());
        q.add("a", "a2");
        assertEquals("b1", q.next());
        assertEquals("a2", q.next(), "a joined after b, and b was just served");
        assertEquals("b2", q.next());
        assertNull(q.next());
    }
}
