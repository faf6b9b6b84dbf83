package dev.roger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void queueNamesFollowTheOriginal() {
        assertEquals("myapp-default", Names.mainQueue("myapp", "default"));
        assertEquals("acme-corp-fast", Names.mainQueue("acme-corp", "fast"));
        assertEquals("myapp-default.buried", Names.buriedQueue("myapp", "default"));
    }

    @Test
    void queueNamesCannotCollide() {
        // '-' is allowed in partitions only, '.' nowhere: "a-b" + "c" and "a" + "b-c" cannot both exist.
        assertThrows(IllegalArgumentException.class, () -> Names.mainQueue("a", "b-c"));
        assertThrows(IllegalArgumentException.class, () -> Names.mainQueue("a.buried", "c"));
        assertThrows(IllegalArgumentException.class, () -> Names.mainQueue("", "c"));
        assertThrows(IllegalArgumentException.class, () -> Names.mainQueue("a", null));
    }

    @Test
    void jobIdsAndTypesAreChecked() {
        assertEquals("abc_-1", Names.requireJobId("abc_-1"));
        assertThrows(IllegalArgumentException.class, () -> Names.requireJobId("has space"));
        assertThrows(IllegalArgumentException.class, () -> Names.requireJobId("x".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> Names.requireJobType(" "));
    }
}
