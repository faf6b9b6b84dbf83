package dev.roger.wildfly.support;

import dev.roger.testing.Broker;
import dev.roger.api.Names;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Partition names unique to a run, so runs on the shared broker never see each other's jobs, and
 * the queues they made, deleted when the servers are down (a live node would declare them again).
 */
public final class TestPartitions {

    private static final System.Logger LOG = System.getLogger(TestPartitions.class.getName());
    private static final Map<String, Set<String>> USED = new ConcurrentHashMap<>();
    /** Retry delays the test job types use: their TTL queues are per delay. */
    private static final List<Integer> RETRY_DELAYS = List.of(1);

    private TestPartitions() {
    }

    /** A new partition name ({@code <prefix>-<8 random>}) whose queues {@code queues} are deleted after the run. */
    public static String create(String prefix, String... queues) {
        String partition = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        USED.put(partition, Set.of(queues));
        return partition;
    }

    static void deleteAll() {
        List<String> names = new ArrayList<>();
        USED.forEach((partition, queues) -> {
            names.add(Names.ownerQueue(partition));
            for (String q : queues) {
                String main = Names.mainQueue(partition, q);
                names.add(main);
                names.add(Names.buriedQueueOf(main));
                RETRY_DELAYS.forEach(d -> names.add(main + ".retry." + d));
            }
        });
        if (names.isEmpty()) {
            return;
        }
        try (Broker broker = Broker.connect()) {
            broker.delete(names.toArray(String[]::new));
            LOG.log(Level.INFO, "Deleted the test queues of partitions {0}", USED.keySet());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not delete the test queues " + names, e);
        }
        USED.clear();
    }
}
