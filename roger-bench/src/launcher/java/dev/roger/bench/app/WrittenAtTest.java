package dev.roger.bench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WrittenAtTest {

    @Test
    void aStampReadsBack() {
        assertEquals(OptionalLong.of(1_700_000_000_123_456L), WrittenAt.micros(WrittenAt.args(1_700_000_000_123_456L)));
    }

    @Test
    void otherArgumentsHaveNoStamp() {
        assertEquals(OptionalLong.empty(), WrittenAt.micros(null));
        assertEquals(OptionalLong.empty(), WrittenAt.micros("null"));
        assertEquals(OptionalLong.empty(), WrittenAt.micros("300"));
        assertEquals(OptionalLong.empty(), WrittenAt.micros("{\"writtenMicros\":12,\"x\":1}"));
        assertEquals(OptionalLong.empty(), WrittenAt.micros("{\"writtenMicros\":99999999999999999999}"));
    }
}
