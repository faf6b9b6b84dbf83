package dev.roger.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.resource.spi.ConfigProperty;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Adapter properties given as system properties {@code roger.<name>}. */
class SystemPropertyFallbackTest {

    @Test
    void aPropertyLeftAtItsDefaultOrUnsetTakesTheSystemProperty() {
        RogerResourceAdapter ra = new RogerResourceAdapter();
        ra.setNodeName(""); // what a blank descriptor value gives

        List<String> taken = SystemPropertyFallback.apply(ra, Map.of(
                "roger.maxConcurrentJobs", "50",
                "roger.nodeName", "node-a",
                "roger.queueType", "classic",
                "roger.tls", " TRUE ",
                "roger.amqp.uri", "amqp://elsewhere")::get);

        assertEquals(50, ra.getMaxConcurrentJobs());
        assertEquals("node-a", ra.getNodeName());
        assertEquals("classic", ra.getQueueType(), "quorum, the default, gives way");
        assertEquals(Boolean.TRUE, ra.getTls());
        assertEquals(Set.of("nodeName", "queueType", "tls", "maxConcurrentJobs"), Set.copyOf(taken),
                "roger.amqp.uri is the client's own fallback, not a property");
    }

    @Test
    void aValueTheServerConfigurationSetWins() {
        RogerResourceAdapter ra = new RogerResourceAdapter();
        ra.setMaxJobBytes(2048);
        ra.setCluster("red");

        SystemPropertyFallback.apply(ra, Map.of("roger.maxJobBytes", "4096", "roger.cluster", "blue")::get);

        assertEquals(2048, ra.getMaxJobBytes());
        assertEquals("red", ra.getCluster());
    }

    /** The fallback recognises a default by the annotation, so a field's initial value must be that. */
    @Test
    void everyPropertyStartsAtItsDeclaredDefault() throws Exception {
        RogerResourceAdapter ra = new RogerResourceAdapter();
        for (Field field : RogerResourceAdapter.class.getDeclaredFields()) {
            ConfigProperty annotation = field.getAnnotation(ConfigProperty.class);
            if (annotation != null) {
                field.setAccessible(true);
                Object value = field.get(ra);
                assertEquals(annotation.defaultValue().isEmpty() ? null : annotation.defaultValue(),
                        value == null ? null : String.valueOf(value), field.getName());
            }
        }
    }

    @Test
    void aValueThatDoesNotFitNamesTheSystemProperty() {
        RogerResourceAdapter ra = new RogerResourceAdapter();
        IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
                () -> SystemPropertyFallback.apply(ra, Map.of("roger.maxConcurrentJobs", "lots")::get));
        assertEquals("system property roger.maxConcurrentJobs = 'lots' is not a whole number", number.getMessage());
        IllegalArgumentException bool = assertThrows(IllegalArgumentException.class,
                () -> SystemPropertyFallback.apply(ra, Map.of("roger.tls", "yes")::get));
        assertEquals("system property roger.tls = 'yes' must be true or false", bool.getMessage());
        assertEquals(0, ra.getMaxConcurrentJobs(), "unchanged");
    }
}
