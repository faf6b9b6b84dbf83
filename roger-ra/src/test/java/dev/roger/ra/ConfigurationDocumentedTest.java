package dev.roger.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.roger.ra.inbound.RogerActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference cannot drift from the code: every {@code @ConfigProperty} of the
 * adapter and of the activation spec has a row in docs/reference/configuration.md, the row's
 * default column shows the declared default, and the declared default is the field's real initial
 * value.
 */
class ConfigurationDocumentedTest {

    private static final Path DOC = Path.of("..", "docs", "reference", "configuration.md");

    @Test
    void everyAdapterPropertyIsDocumentedWithItsDefault() throws Exception {
        List<String[]> rows = rows();
        RogerResourceAdapter fresh = new RogerResourceAdapter();
        List<String> checked = new ArrayList<>();
        for (Field f : RogerResourceAdapter.class.getDeclaredFields()) {
            ConfigProperty p = f.getAnnotation(ConfigProperty.class);
            if (p == null) {
                continue;
            }
            String[] row = row(rows, f.getName()).orElseThrow(() -> new AssertionError(
                    "adapter property " + f.getName() + " has no row in " + DOC));
            if (!p.defaultValue().isEmpty()) {
                assertTrue(row[1].replace(",", "").replace("`", "").contains(p.defaultValue().replace(",", "")),
                        f.getName() + ": the documented default '" + row[1] + "' does not show " + p.defaultValue());
                f.setAccessible(true);
                assertEquals(p.defaultValue(), String.valueOf(f.get(fresh)),
                        f.getName() + ": the declared default is not the field's initial value");
            }
            checked.add(f.getName());
        }
        assertTrue(checked.size() >= 30, "found only " + checked + ": is the test reading the right class?");
    }

    @Test
    void everyActivationPropertyIsDocumented() throws IOException {
        List<String[]> rows = rows();
        int found = 0;
        for (Field f : RogerActivationSpec.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(ConfigProperty.class)) {
                assertTrue(row(rows, f.getName()).isPresent(), "activation property " + f.getName() + " has no row in " + DOC);
                found++;
            }
        }
        assertFalse(found == 0, "no activation properties found");
    }

    /** The table rows of the document, as cells (first cell: the property names). */
    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("| `")) {
                String[] cells = line.substring(1).split(" \\| ");
                rows.add(new String[] {cells[0], cells.length > 1 ? cells[1] : ""});
            }
        }
        return rows;
    }

    private static Optional<String[]> row(List<String[]> rows, String name) {
        return rows.stream().filter(r -> r[0].contains("`" + name + "`")).findFirst();
    }
}
