package dev.roger.bench.app;

import jakarta.json.JsonStructure;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the endpoints' JSON answers the same way: never cached, UTF-8. */
final class Responses {

    /**
     * Found once: each {@code Json.createObjectBuilder()} looks the provider up again through the
     * application's class loader, and the launcher's polling then cost the node 5 % of its CPU,
     * which was counted as Roger's.
     */
    static final JsonProvider JSON = JsonProvider.provider();

    private Responses() {
    }

    static void json(HttpServletResponse response, JsonStructure body) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.toString());
    }
}
