package dev.roger.client.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ControlCommandTest {

    @Test
    void everyCommandSurvivesARoundTrip() {
        for (ControlCommand c : new ControlCommand[] {ControlCommand.cancel("acme", "j1"),
                ControlCommand.pause("acme", "mail"), ControlCommand.resume("acme", "mail"), ControlCommand.ping()}) {
            assertEquals(c, ControlCommand.decode(c.encode()));
        }
    }

    @Test
    void somethingElseIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ControlCommand.decode("{\"x\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, e.getMessage().startsWith("not a Roger control command"));
    }
}
