package dev.roger.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.roger.client.amqp.BrokerNames;
import dev.roger.ra.engine.EngineSettings;
import org.junit.jupiter.api.Test;

/** The adapter's {@code cluster} property. */
class ClusterPropertyTest {

    private static EngineSettings withCluster(String cluster) {
        RogerResourceAdapter ra = new RogerResourceAdapter();
        ra.setCluster(cluster);
        return ra.engineSettings();
    }

    @Test
    void unsetOrBlankIsTheDefaultClusterWithTodaysNames() {
        for (String unset : new String[] {null, "", "  "}) {
            EngineSettings settings = withCluster(unset);
            assertEquals(BrokerNames.DEFAULT, settings.names());
            assertEquals("roger.control", settings.names().controlExchange());
            assertNull(settings.state().cluster());
        }
    }

    @Test
    void aNameNamespacesTheBrokerNamesAndTheState() {
        EngineSettings settings = withCluster(" blue ");
        assertEquals(BrokerNames.of("blue"), settings.names());
        assertEquals("blue.roger.nodes", settings.names().membersQueue());
        assertEquals("blue", settings.state().cluster());
        assertEquals("default.roger.nodes", withCluster("default").names().membersQueue(),
                "'default' is a cluster's name, not the default cluster");
    }

    @Test
    void anInvalidNameFailsNamingThePropertyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withCluster("prod.eu"));
        assertEquals("property cluster = 'prod.eu': Invalid cluster 'prod.eu': must be 1 to 15 characters of "
                + "A-Z, a-z, 0-9, '_' and '-'", e.getMessage());
    }
}
