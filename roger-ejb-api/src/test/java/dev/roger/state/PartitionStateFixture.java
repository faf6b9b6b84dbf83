package dev.roger.state;

import dev.roger.api.spi.StateConfiguration;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/** A fresh partition state on a clock the test moves, for the state machine's tests. */
abstract class PartitionStateFixture {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration RETENTION = Duration.ofHours(1);
    static final StateConfiguration SETTINGS = new StateConfiguration("none", null, null, LEASE, RETENTION);

    MutableClock clock;
    PartitionState state;

    @BeforeEach
    void newState() {
        clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
        state = new PartitionState("p1", SETTINGS, clock);
    }
}
