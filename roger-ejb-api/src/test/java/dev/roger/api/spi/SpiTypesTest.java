package dev.roger.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The SPI between applications and the adapter speaks only JDK and API types: an application
 * and the adapter may each load their own copy of Roger's internal classes (full servers load
 * them per module), and the SPI must not depend on the state machine's package (no package cycle).
 */
class SpiTypesTest {

    @Test
    void spiSignaturesUseOnlyJdkAndApiTypes() throws Exception {
        List<String> internal = new ArrayList<>();
        List<Class<?>> classes = spiClasses();
        assertTrue(classes.size() >= 6, "found " + classes);
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                check(internal, c, m.getName() + " returns", m.getReturnType());
                for (Parameter p : m.getParameters()) {
                    check(internal, c, m.getName() + " takes", p.getType());
                }
            }
            for (var rc : c.isRecord() ? c.getRecordComponents() : new java.lang.reflect.RecordComponent[0]) {
                check(internal, c, "component " + rc.getName(), rc.getType());
            }
        }
        assertEquals(List.of(), internal);
    }

    private static void check(List<String> internal, Class<?> owner, String where, Class<?> type) {
        Class<?> t = type.isArray() ? type.getComponentType() : type;
        String name = t.getName();
        boolean allowed = t.isPrimitive() || name.startsWith("java.") || name.startsWith("dev.roger.api.");
        if (!allowed) {
            internal.add(owner.getSimpleName() + "." + where + " " + name);
        }
    }

    private static List<Class<?>> spiClasses() throws Exception {
        Path dir = Path.of(GlobalStateHost.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/roger/api/spi");
        try (Stream<Path> files = Files.list(dir)) {
            List<Class<?>> classes = new ArrayList<>();
            for (String n : files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .toList()) {
                classes.add(Class.forName("dev.roger.api.spi." + n.substring(0, n.length() - 6)));
            }
            return classes;
        }
    }
}
