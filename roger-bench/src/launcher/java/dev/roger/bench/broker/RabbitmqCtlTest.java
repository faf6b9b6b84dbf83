package dev.roger.bench.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RabbitmqCtlTest {

    @Test
    void connectionNameComesFromTheClientProperties() {
        String json = "[[\"connection_name\",\"longstr\",\"roger@host:42#2\"],[\"product\",\"longstr\",\"RabbitMQ\"],"
                + "[\"capabilities\",\"table\",[[\"basic.nack\",\"bool\",true]]]]";
        assertEquals("roger@host:42#2", RabbitmqCtl.connectionName(Json.createReader(new StringReader(json)).readArray()));
    }

    @Test
    void aConnectionWithoutNameHasAnEmptyOne() {
        assertEquals("", RabbitmqCtl.connectionName(Json.createReader(new StringReader("[]")).readArray()));
    }

    @Test
    void queuesAreFilteredByPrefixWithTheirCountersAndMemory() {
        // As `rabbitmqctl -q list_queues name consumers messages memory --formatter json` prints it;
        // a queue that is down has empty counters.
        String json = "[\n{\"name\":\"roger.delay.03\",\"consumers\":0,\"messages\":120,\"memory\":55640}\n"
                + ",{\"name\":\"ltest.roger.delay.03\",\"consumers\":0,\"messages\":7,\"memory\":100}\n"
                + ",{\"name\":\"roger.delay.unrouted\",\"consumers\":0,\"messages\":\"\",\"memory\":\"\"}\n"
                + ",{\"name\":\"acme-default\",\"consumers\":2,\"messages\":5,\"memory\":9000}\n]";
        List<RabbitmqCtl.QueueInfo> queues = RabbitmqCtl.queues(Json.createReader(new StringReader(json)).readArray(),
                "roger.delay.");
        assertEquals(List.of(new RabbitmqCtl.QueueInfo("roger.delay.03", 0, 120, 55640),
                new RabbitmqCtl.QueueInfo("roger.delay.unrouted", 0, 0, 0)), queues);
    }
}
