package dev.roger.console;

import dev.roger.api.RogerAdmin;
import dev.roger.api.admin.SafeStopResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The partitions of one named node: list, start, reconfigure, stop, safe stop. The node may be
 * another than the console's own; the command reaches it over the cluster's control channel.
 */
@Path("nodes/{node}/partitions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    @Inject
    RogerAdmin admin;

    @PathParam("node")
    String node;

    @GET
    public List<PartitionSpecView> running() {
        return admin.runningPartitions(node).stream().map(PartitionSpecView::of).toList();
    }

    /** Starts the partition the body names; for one already running there, reconfigures it. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public PartitionSpecView start(PartitionSpecView body) {
        if (body == null || body.partition() == null) {
            throw new IllegalArgumentException("Give the partition and its queues: {\"partition\":\"acme\",\"queues\":{\"default\":10}}");
        }
        var spec = body.toSpec(body.partition());
        admin.startPartition(node, spec);
        return PartitionSpecView.of(spec);
    }

    @PUT
    @Path("{partition}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PartitionSpecView reconfigure(@PathParam("partition") String partition, PartitionSpecView body) {
        if (body == null) {
            throw new IllegalArgumentException("Give the partition's queues: {\"queues\":{\"default\":10}}");
        }
        var spec = body.toSpec(partition);
        admin.reconfigurePartition(node, spec);
        return PartitionSpecView.of(spec);
    }

    @DELETE
    @Path("{partition}")
    public Response stop(@PathParam("partition") String partition) {
        admin.stopPartition(node, partition);
        return Response.noContent().build();
    }

    @POST
    @Path("{partition}/safe-stop")
    public SafeStopResult safeStop(@PathParam("partition") String partition,
                                   @QueryParam("timeoutSeconds") @DefaultValue("30") String timeoutSeconds) {
        return admin.safeStop(node, partition, Params.seconds("timeoutSeconds", timeoutSeconds));
    }
}
