package dev.roger.console;

import dev.roger.api.RogerAdmin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A partition's recurring jobs: listed with their next tick, paused, resumed, fired now, removed. */
@Path("partitions/{partition}/recurring")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RecurringResource {

    @Inject
    RogerAdmin admin;

    @PathParam("partition")
    String partition;

    @GET
    public List<RecurringJobView> list() {
        return admin.recurringJobs(partition).stream().map(RecurringJobView::of).toList();
    }

    @POST
    @Path("{name}/pause")
    public Response pause(@PathParam("name") String name) {
        return found(admin.pauseRecurring(partition, name), name);
    }

    @POST
    @Path("{name}/resume")
    public Response resume(@PathParam("name") String name) {
        return found(admin.resumeRecurring(partition, name), name);
    }

    @POST
    @Path("{name}/trigger")
    public Response trigger(@PathParam("name") String name) {
        return found(admin.triggerRecurring(partition, name), name);
    }

    @DELETE
    @Path("{name}")
    public Response remove(@PathParam("name") String name) {
        return found(admin.removeRecurring(partition, name), name);
    }

    private Response found(boolean found, String name) {
        if (found) {
            return Response.ok(new Affected(1)).build();
        }
        return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody("RecurringJobNotFound",
                "Partition " + partition + " has no recurring job " + name)).build();
    }
}
