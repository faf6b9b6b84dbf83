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

    private JsonbCache() {
    }

    static synchronized Jsonb current() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = JsonbCache.class.getClassLoader();
        }
        return BY_LOADER.computeIfAbsent(loader, l -> JsonbBuilder.create());
    }
}
