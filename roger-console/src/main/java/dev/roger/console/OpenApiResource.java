package dev.roger.console;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * The OpenAPI 3 document of this API, readable without login (web.xml leaves it open): it describes
 * the API's shape, no data. {@code OpenApiDocumentTest} checks that it names every route.
 */
@Path("openapi.json")
public class OpenApiResource {

    static final String DOCUMENT = "/dev/roger/console/openapi.json";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public InputStream document() {
        return OpenApiResource.class.getResourceAsStream(DOCUMENT);
    }
}
