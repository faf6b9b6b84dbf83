package dev.roger.ra.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.api.PartitionSpec;
import dev.roger.ra.inbound.ActivationConfig;
import dev.roger.ra.inbound.InvalidActivationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionDeclarationsTest {

    static class BeanA {
    }

    static class BeanB {
    }

    static class BeanC {
    }

    private static ActivationConfig config(Class<?> bean, String queue, String partitions) {
        return ActivationConfig.resolve(null, queue, partitions, bean, "default", 10);
    }

    @Test
    void mergesQueuesOfOnePartitionAcrossBeans() {
        PartitionDeclarations d = new PartitionDeclarations();
        d.add("a", config(BeanA.class, null, "myapp[default=10]"));
        d.add("b", config(BeanB.class, null, "myapp[other=5]; billing[default=2]"));
        d.add("c", config(BeanC.class, "fast", null));
        assertEquals(Map.of(
                "myapp", PartitionSpec.parse("myapp[default=10,other=5]"),
                "billing", PartitionSpec.parse("billing[default=2]")), d.merged());

        d.remove("b");
        assertEquals(Map.of("myapp", PartitionSpec.parse("myapp[default=10]")), d.merged());
    }

    @Test
    void theDefaultPartitionIsUsedOnlyWhileNoBeanDeclaresPartitions() {
        PartitionDeclarations d = new PartitionDeclarations();
        d.add("c", config(BeanC.class, null, null));
        d.add("b", config(BeanB.class, "fast", null));
        assertEquals(Map.of("default", PartitionSpec.parse("default[default=10,fast=10]")), d.merged());
        d.add("a", config(BeanA.class, null, "acme[default=3]"));
        assertEquals(Map.of("acme", PartitionSpec.parse("acme[default=3]")), d.merged());
        d.remove("a");
        assertEquals(Map.of("default", PartitionSpec.parse("default[default=10,fast=10]")), d.merged());
    }

    @Test
    void conflictingWorkerCountsNameBothBeans() {
        PartitionDeclarations d = new PartitionDeclarations();
        d.add("a", config(BeanA.class, null, "myapp[default=10]"));
        InvalidActivationException e = assertThrows(InvalidActivationException.class,
                () -> d.add("b", config(BeanB.class, null, "myapp[default=5]")));
        assertTrue(e.getMessage().contains(BeanA.class.getName()) && e.getMessage().contains(BeanB.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().contains("queue 'default' of partition 'myapp' 5 workers"), e.getMessage());
        assertEquals(Map.of("myapp", PartitionSpec.parse("myapp[default=10]")), d.merged());
    }
}
