package dev.roger.ra.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OwnershipChangesTest {

    private final List<String> lines = new ArrayList<>();
    private final Logger jul = Logger.getLogger(OwnershipChanges.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                lines.add(r.getLevel() + " " + java.text.MessageFormat.format(r.getMessage(), r.getParameters()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        jul.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(handler);
    }

    @Test
    void tenThousandTakenStatesAreOneLineNamingTheFirstFive() {
        OwnershipChanges changes = new OwnershipChanges("one");
        for (int i = 0; i < 10_000; i++) {
            changes.took("t" + i);
        }
        changes.report(10_000);
        assertEquals(List.of("INFO Node one owns the global state of 10000 partitions (t0, t1, t2, t3, t4, ...) more; "
                + "10000 in all"), lines);
        changes.report(10_000);
        assertEquals(1, lines.size(), "nothing changed since: nothing logged");
    }

    @Test
    void oneOfEachIsNamedWithTheLossFirstAsAWarning() {
        OwnershipChanges changes = new OwnershipChanges("one");
        changes.took("orders");
        changes.gaveUp("billing");
        changes.lost("mail", "connection reset");
        changes.report(3);
        assertEquals(3, lines.size(), String.valueOf(lines));
        assertTrue(lines.get(0).startsWith("WARNING Node one lost the global state of 1 partition (mail) with its "
                + "channel (connection reset)"), lines.get(0));
        assertEquals("INFO Node one owns the global state of 1 partition (orders) more; 3 in all", lines.get(1));
        assertEquals("INFO Node one no longer owns the global state of 1 partition (billing); 3 left", lines.get(2));
    }
}
