package dev.roger.ra.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class PartitionLabelsTest {

    @Test
    void theFirstPartitionsUpToTheCapKeepTheirNamesForGood() {
        PartitionLabels labels = new PartitionLabels(2);
        assertEquals("a", labels.of("a"));
        assertEquals("b", labels.of("b"));
        assertEquals(PartitionLabels.OTHER, labels.of("c"));
        assertEquals("a", labels.of("a"), "a label once given stays");
        assertEquals(PartitionLabels.OTHER, labels.of("c"), "a partition past the cap stays under _other");
        assertFalse(labels.has("c"));
    }

    @Test
    void aCapOfZeroLabelsEveryPartitionOther() {
        assertEquals(PartitionLabels.OTHER, new PartitionLabels(0).of("a"));
    }

    @Test
    void aThousandPartitionsGiveAtMostCapPlusOneValues() {
        PartitionLabels labels = new PartitionLabels(100);
        java.util.Set<String> values = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            values.add(labels.of("p" + i));
        }
        assertEquals(101, values.size());
    }
}
