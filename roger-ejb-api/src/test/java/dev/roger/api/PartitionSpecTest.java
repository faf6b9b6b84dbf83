package dev.roger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionSpecTest {

    @Test
    void parsesQueuesAndWorkerCounts() {
        PartitionSpec spec = PartitionSpec.parse(" myapp[default=10, other = 5] ");
        assertEquals("myapp", spec.partition());
        assertEquals(Map.of("default", 10, "other", 5), spec.queues());
        assertEquals(spec, PartitionSpec.of("myapp").withQueue("other", 5).withQueue("default", 10));
        assertEquals("myapp[default=10,other=5]", spec.toString());
        assertEquals(spec, PartitionSpec.parse(spec.toString()));
    }

    @Test
    void aBareIdMeansTheDefaultQueueWithTenWorkers() {
        assertEquals(Map.of("default", 10), PartitionSpec.parse("tenant_1").queues());
    }

    @Test
    void parsesListsSeparatedBySemicolonOrCommaOutsideBrackets() {
        List<PartitionSpec> specs = PartitionSpec.parseList("a[default=1,x=2]; b[default=3], c");
        assertEquals(List.of("a", "b", "c"), specs.stream().map(PartitionSpec::partition).toList());
        assertEquals(Map.of("default", 1, "x", 2), specs.get(0).queues());
        assertTrue(PartitionSpec.parseList("  ").isEmpty());
    }

    @Test
    void rejectsBadSpecsWithAMessageThatSaysWhy() {
        assertMessage("must be at least 1", () -> PartitionSpec.parse("p[default=0]"));
        assertMessage("must be at least 1", () -> PartitionSpec.parse("p[default=-3]"));
        assertMessage("'ten' of queue 'default' is not a number", () -> PartitionSpec.parse("p[default=ten]"));
        assertMessage("missing ']'", () -> PartitionSpec.parse("p[default=1"));
        assertMessage("no queues", () -> PartitionSpec.parse("p[]"));
        assertMessage("'default' is not queue=workers", () -> PartitionSpec.parse("p[default]"));
        assertMessage("listed twice", () -> PartitionSpec.parse("p[a=1,a=2]"));
        assertMessage("Invalid partition 'my.app'", () -> PartitionSpec.parse("my.app[default=1]"));
        assertMessage("Invalid queue 'a-b'", () -> PartitionSpec.parse("p[a-b=1]"));
        assertMessage("missing ']'", () -> PartitionSpec.parseList("a[x=1]; p[default=ten"));
        assertMessage("partition 'p' is listed twice", () -> PartitionSpec.parseList("p[a=1];p[b=2]"));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
