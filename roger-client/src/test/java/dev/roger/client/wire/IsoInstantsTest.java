package dev.roger.client.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsWhatInstantWritesAsInstantParseDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_799L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertEquals(t, IsoInstants.parse(t.toString()), t.toString());
        }
    }

    @Test
    void anythingElseIsJudgedAsInstantParseJudgesIt() {
        for (String s : List.of("2026-12-07T01:16:11Z", "2026-12-07T01:16:11.1Z", "2026-12-07T01:16:11.123456789Z",
                "2026-12-07T01:16:11.1234567890Z", "2026-12-07T01:16:11.Z", "2026-02-29T00:00:00Z",
                "2024-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
                "2026-12-00T00:00:00Z", "2026-12-07T24:00:00Z", "2026-12-07T23:60:00Z", "2026-12-07T23:59:60Z",
                "2026-12-07t01:16:11Z", "2026-12-07T01:16:11z", "2026-12-07T01:16:11+01:00",
                "2026-12-07T01:16:11.5+00:00", "+12026-12-07T01:16:11Z", "-0001-12-07T01:16:11Z",
                "2026-12-07T01:16Z", "2026-12-07 01:16:11Z", "\uff12026-12-07T01:16:11Z", "2026-1２-07T01:16:11Z",
                "2026-12-07T01:16:11.-1Z", "2026-12-07T01:16:11.+1Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2026-12-07T01:16:11.123 Z", "")) {
            assertEquals(outcome(() -> Instant.parse(s)), outcome(() -> IsoInstants.parse(s)), s);
        }
    }

    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }
}
