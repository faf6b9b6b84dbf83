package dev.roger.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document cannot drift from the resources: every JAX-RS route (every resource class in
 * the package, found on the classpath, not listed by hand) is in the document with its method, and
 * the document has no route the resources lack.
 */
class OpenApiDocumentTest {

    @Test
    void theDocumentDescribesExactlyTheRoutesOfTheResources() throws Exception {
        TreeSet<String> routes = new TreeSet<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    routes.add(verb + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        assertFalse(routes.isEmpty(), "no routes found: is the test looking in the right place?");

        TreeSet<String> documented = new TreeSet<>();
        JsonObject paths = document().getJsonObject("paths");
        for (String path : paths.keySet()) {
            for (String method : paths.getJsonObject(path).keySet()) {
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertEquals(routes, documented);
    }

    @Test
    void everyOperationHasAnIdAndResponses() throws Exception {
        JsonObject paths = document().getJsonObject("paths");
        for (String path : paths.keySet()) {
            for (var op : paths.getJsonObject(path).entrySet()) {
                JsonObject o = op.getValue().asJsonObject();
                assertNotNull(o.getString("operationId", null), op.getKey() + " " + path);
                assertFalse(o.getJsonObject("responses").isEmpty(), op.getKey() + " " + path);
            }
        }
    }

    private static JsonObject document() throws Exception {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT);
             JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** JAX-RS paths as OpenAPI writes them: one leading slash, none trailing, no doubled ones. */
    private static String join(String base, String sub) {
        String p = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static Iterable<Class<?>> resourceClasses() throws URISyntaxException, java.io.IOException {
        // The main classes' folder (getResource("") would find the test classes' folder first).
        java.nio.file.Path dir = java.nio.file.Path.of(OpenApiResource.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve(OpenApiResource.class.getPackageName().replace('.', '/'));
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .<Class<?>>map(n -> load(n.substring(0, n.length() - ".class".length())))
                    .filter(c -> c.isAnnotationPresent(Path.class)).toList();
        }
    }

    private static Class<?> load(String simpleName) {
        try {
            return Class.forName(OpenApiResource.class.getPackageName() + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

}
