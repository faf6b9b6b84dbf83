package dev.roger.console;

import dev.roger.api.RogerAdmin;
import dev.roger.api.admin.ClusterInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.stream.Stream;

/** The cluster as a whole: Info, the name of the node this console runs on, and who is asking. */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    RogerAdmin admin;

    /** The node this console runs on, for the node-local operations: {@code {"name":"..."}} (null off a node). */
    public record LocalNode(String name) {
    }

    /** The caller: user name and which of the console's roles it holds, so a page shows only what it may do. */
    public record Me(String name, List<String> roles) {
    }

    @GET
    @Path("info")
    public ClusterInfo info() {
        return admin.info();
    }

    @GET
    @Path("local-node")
    public LocalNode localNode() {
        return new LocalNode(admin.localNode().orElse(null));
    }

    @GET
    @Path("me")
    public Me me(@Context SecurityContext security) {
        var user = security.getUserPrincipal();
        return new Me(user == null ? null : user.getName(),
                Stream.of("roger-admin", "roger-viewer").filter(security::isUserInRole).toList());
    }
}
