package dev.roger.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * Refuses state-changing requests a browser could send on another site's behalf (with the
 * operator's remembered BASIC credentials): every method but GET, HEAD and OPTIONS must carry
 * {@value #HEADER}, which a plain HTML form cannot set and a cross-origin script cannot set without
 * a CORS preflight this API never grants; and an {@code Origin} header, when present, must be the
 * request's own origin. curl and scripts add the header and send no Origin.
 */
@Provider
@PreMatching
public class CrossSiteGuard implements ContainerRequestFilter {

    static final String HEADER = "X-Roger-Request";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        if (request.getHeaderString(HEADER) == null) {
            refuse(request, "State-changing requests need the header " + HEADER + ": 1");
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(request.getUriInfo().getRequestUri()))) {
            refuse(request, "Origin " + origin + " is not this API's origin");
        }
    }

    private static String ownOrigin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static void refuse(ContainerRequestContext request, String message) {
        request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("CrossSiteRequestRefused", message)).build());
    }
}
