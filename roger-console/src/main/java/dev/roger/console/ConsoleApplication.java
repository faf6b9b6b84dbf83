package dev.roger.console;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The management REST API under {@code /api}. Resources and providers are found by scanning; who
 * may call what is declared in {@code web.xml} (GET and HEAD: roger-viewer or roger-admin; every
 * other method: roger-admin; the OpenAPI document: anyone), so the servlet container refuses a
 * caller before any Roger code runs.
 */
@ApplicationPath("api")
public class ConsoleApplication extends Application {

    /** Jersey's generated WADL would be a route the OpenAPI document does not describe. */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
