package dev.roger.console;

import dev.roger.api.RogerAdmin;
import dev.roger.api.admin.ClusterInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The cluster as a whole: Info, and the name of the node this console runs on. */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    RogerAdmin admin;

    /** The node this console runs on, for the node-local operations: {@code {"name":"..."}} (null off a node). */
    public record LocalNode(String name) {
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
}
