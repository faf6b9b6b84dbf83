package dev.roger.console;

import dev.roger.api.RogerAdmin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The buried jobs of a partition's queue: list (and search), retry, delete. */
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

    @BeanParam
    BuriedFilter filter;

    /** A page of the queue's buried jobs, newest first, optionally filtered. */
    @GET
    public BuriedPageView list() {
        return BuriedPageView.of(admin.buried(filter.query(partition, queue)));
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
