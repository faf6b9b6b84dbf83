package dev.roger.console;

import dev.roger.api.RogerAdmin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The buried jobs of a partition's queue: list, retry, delete. */
@Path("partitions/{partition}/queues/{queue}/buried")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BuriedResource {

    @Inject
    RogerAdmin admin;

    @PathParam("partition")
    String partition;

    @PathParam("queue")
    String queue;

    @GET
    public List<BuriedJobView> list(@QueryParam("offset") @DefaultValue("0") String offset,
                                    @QueryParam("limit") @DefaultValue("50") String limit) {
        return admin.buriedJobs(partition, queue, Params.nonNegative("offset", offset), Params.nonNegative("limit", limit))
                .stream().map(BuriedJobView::of).toList();
    }

    @POST
    @Path("{jobId}/retry")
    public Response retry(@PathParam("jobId") String jobId) {
        return found(admin.retryBuried(partition, queue, jobId), jobId);
    }

    @POST
    @Path("retry-all")
    public Affected retryAll() {
        return new Affected(admin.retryAllBuried(partition, queue));
    }

    @DELETE
    @Path("{jobId}")
    public Response delete(@PathParam("jobId") String jobId) {
        return found(admin.deleteBuried(partition, queue, jobId), jobId);
    }

    @DELETE
    public Affected deleteAll() {
        return new Affected(admin.deleteAllBuried(partition, queue));
    }

    private Response found(boolean done, String jobId) {
        if (done) {
            return Response.ok(new Affected(1)).build();
        }
        return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody("BuriedJobNotFound",
                "No buried job " + jobId + " in " + partition + "-" + queue)).build();
    }
}
