package com.example.quickstart;

import dev.roger.api.Job;
import dev.roger.api.RogerClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /quickstart/api/welcome?name=Ada} enqueues a welcome job and answers its id. */
@Path("welcome")
@RequestScoped
public class JobsResource {

    @Inject
    RogerClient roger;

    @POST
    @Produces(MediaType.TEXT_PLAIN)
    public String welcome(@QueryParam("name") String name) {
        Job job = Job.builder("welcome").args(new WelcomeJob.Welcome(name == null ? "world" : name)).build();
        return roger.enqueue("quickstart", job).id() + "\n";
    }
}
