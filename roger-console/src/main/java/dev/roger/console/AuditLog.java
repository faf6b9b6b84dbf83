package dev.roger.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.security.Principal;
import java.util.Set;

/**
 * Logs every change at INFO: who (the caller principal), what (method and path, which name the
 * partition, queue, node or job) and the outcome (status and the answer: counts, nodes, or the error).
 * Request bodies are never logged, and no answer to a change carries job arguments. Runs for refused
 * requests too (a cross-site request, an error mapped to a status).
 */
@Provider
public class AuditLog implements ContainerResponseFilter {

    private static final System.Logger LOG = System.getLogger(AuditLog.class.getName());
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod())) {
            return;
        }
        Principal who = request.getSecurityContext().getUserPrincipal();
        // The query is part of what was asked (purge targets, safe-stop timeout); it holds no secrets.
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        LOG.log(Level.INFO, "Roger console: {0} {1} /{2}{3} -> {4} {5}", who == null ? "(anonymous)" : who.getName(),
                request.getMethod(), request.getUriInfo().getPath(), query == null ? "" : "?" + query,
                response.getStatus(), response.hasEntity() ? response.getEntity() : "");
    }
}
