package dev.roger.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One JSON-B instance per application class loader. Job classes are shared by every application
 * on a node (they come from the resource adapter), so a single instance would resolve one
 * application's argument classes in the mapping cache built for another.
 */
final class JsonbCache {

    private static final Map<ClassLoader, Jsonb> BY_LOADER = new WeakHashMap<>();

    /** The last one handed out: nearly always the one asked for, without taking the lock. */
    private static volatile Entry last;

    private record Entry(ClassLoader loader, Jsonb jsonb) {
    }

    private JsonbCache() {
    }

    static Jsonb current() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = JsonbCache.class.getClassLoader();
        }
        Entry e = last;
        if (e != null && e.loader == loader) {
            return e.jsonb;
        }
        Jsonb jsonb;
        synchronized (BY_LOADER) {
            jsonb = BY_LOADER.computeIfAbsent(loader, l -> JsonbBuilder.create());
        }
        last = new Entry(loader, jsonb);
        return jsonb;
    }
}
