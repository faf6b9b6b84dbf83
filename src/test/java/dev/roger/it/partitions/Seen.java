package dev.roger.it.partitions;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Job id to the queue it ran from. */
@ApplicationScoped
public class Seen {
    private final Map<String, String> where = new ConcurrentHashMap<>();

    public void add(String id, String queue) {
        where.put(id, queue);
    }

    public String where(String id) {
        return where.get(id);
    }
}
