package dev.roger.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roger.bench.broker.RabbitmqCtl.QueueInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class CascadeSamplerTest {

    @Test
    void aReadingSumsTheQueues() {
        assertEquals(new CascadeSampler.Reading(130, 111_000), CascadeSampler.Reading.of(List.of(
                new QueueInfo("roger.delay.00", 0, 10, 55_000), new QueueInfo("roger.delay.09", 0, 120, 56_000))));
        assertEquals(new CascadeSampler.Reading(0, 0), CascadeSampler.Reading.of(List.of()));
    }
}
