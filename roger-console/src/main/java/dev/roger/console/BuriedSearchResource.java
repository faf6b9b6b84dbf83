package dev.roger.console;

import dev.roger.api.RogerAdmin;
import dev.roger.api.admin.BuriedQuery;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Buried jobs across the cluster: search by partition, queue, job id, type, error class and reason
 * text, and retry or delete exactly the jobs a search matches.
 */
@Path("buried")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BuriedSearchResource {

    @Inject
    RogerAdmin admin;

    @QueryParam("partition")
    String partition;

    @QueryParam("queue")
    String queue;

    @BeanParam
    BuriedFilter filter;

    @GET
    public BuriedPageView search() {
        return BuriedPageView.of(admin.buried(filter.query(partition, queue)));
    }

    @POST
    @Path("retry")
    public Affected retry() {
        return new Affected(admin.retryBuried(chosen("retry")));
    }

    @POST
    @Path("delete")
    public Affected delete() {
        return new Affected(admin.deleteBuried(chosen("delete")));
    }

    /** A change needs a partition or a filter: one request must not empty every buried queue of the cluster by accident. */
    private BuriedQuery chosen(String what) {
        if ((partition == null || partition.isBlank()) && !filter.filters()) {
            throw new IllegalArgumentException("To " + what + " buried jobs, name a partition or a filter (jobId, type, "
                    + "errorClass, reason); for all of a queue, use /partitions/{partition}/queues/{queue}/buried");
        }
        return filter.query(partition, queue);
    }
}
