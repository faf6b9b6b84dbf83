package dev.roger.console;

import dev.roger.api.ControlResult;
import dev.roger.api.GlobalStateInfo;
import dev.roger.api.RogerAdmin;
import dev.roger.api.RogerClient;
import dev.roger.api.admin.PurgeResult;
import dev.roger.api.admin.SafeStopResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Cluster-wide operations on a partition and its queues: global state, pause, resume, purge, safe stop, cancel a job. */
@Path("partitions/{partition}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PartitionResource {

    @Inject
    RogerAdmin admin;

    @Inject
    RogerClient client;

    @PathParam("partition")
    String partition;

    @GET
    @Path("state")
    public GlobalStateInfo state() {
        return admin.globalState(partition);
    }

    @POST
    @Path("queues/{queue}/pause")
    public ControlResult pause(@PathParam("queue") String queue) {
        return admin.pauseQueue(partition, queue);
    }

    @POST
    @Path("queues/{queue}/resume")
    public ControlResult resume(@PathParam("queue") String queue) {
        return admin.resumeQueue(partition, queue);
    }

    @POST
    @Path("queues/{queue}/purge")
    public PurgeResult purge(@PathParam("queue") String queue, @QueryParam("target") List<String> targets) {
        return admin.purge(partition, queue, Params.targets(targets));
    }

    @POST
    @Path("safe-stop")
    public SafeStopResult safeStop(@QueryParam("timeoutSeconds") @DefaultValue("30") String timeoutSeconds) {
        return admin.safeStop(partition, Params.seconds("timeoutSeconds", timeoutSeconds));
    }

    /** {@code RogerClient.cancel}: a queued job is dropped when dequeued, a running one interrupted; unknown ids are harmless. */
    @POST
    @Path("jobs/{jobId}/cancel")
    public ControlResult cancel(@PathParam("jobId") String jobId) {
        return client.cancel(partition, jobId);
    }
}
