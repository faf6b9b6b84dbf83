package dev.roger.bench.app;

import jakarta.json.JsonStructure;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the endpoints' JSON answers the same way: never cached, UTF-8. */
final class Responses {

    private Responses() {
    }

    static void json(HttpServletResponse response, JsonStructure body) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.toString());
    }
}
