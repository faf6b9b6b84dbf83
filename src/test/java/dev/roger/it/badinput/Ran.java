package dev.roger.it.badinput;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ids of jobs that ran. */
@ApplicationScoped
public class Ran {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    public void add(String id) {
        ids.add(id);
    }

    public boolean contains(String id) {
        return ids.contains(id);
    }
}
