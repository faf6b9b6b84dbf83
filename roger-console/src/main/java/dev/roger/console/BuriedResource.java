package dev.roger.console;

import dev.roger.api.Job;
import dev.roger.api.RogerAdmin;
import dev.roger.api.admin.BuriedQuery;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;

/** The buried jobs of a partition's queue: list (and search), one job's arguments (roger-admin), retry, delete. */
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

    /**
     * One buried job's arguments, for roger-admin only: they may hold customers' data, and viewers
     * read every other endpoint. A GET, so web.xml lets viewers reach it; the role is checked here.
     */
    @GET
    @Path("{jobId}/args")
    public Response args(@PathParam("jobId") String jobId, @Context SecurityContext security) {
        if (!security.isUserInRole("roger-admin")) {
            return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody("Forbidden",
                    "Only roger-admin reads a buried job's arguments")).build();
        }
        var buried = admin.buried(BuriedQuery.inQueue(partition, queue).toBuilder().jobId(jobId).limit(1).build())
                .jobs().stream().findFirst();
        if (buried.isEmpty()) {
            return found(false, jobId);
        }
        JsonValue args = buried.get().job().map(Job::argsJson).map(json -> {
            try (var reader = Json.createReader(new StringReader(json))) {
                return reader.readValue();
            }
        }).orElse(JsonValue.NULL);
        return Response.ok(Json.createObjectBuilder().add("jobId", jobId).add("args", args).build().toString(),
                MediaType.APPLICATION_JSON_TYPE).build();
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
