package dev.roger.bench.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.StringReader;
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
}
