package dev.roger.console;

import dev.roger.api.admin.BuriedQuery;
import jakarta.ws.rs.QueryParam;

/**
 * The query parameters that choose buried jobs, shared by listing, retry and delete: each filter
 * that is given must hold ({@link BuriedQuery}).
 */
public class BuriedFilter {

    @QueryParam("jobId")
    String jobId;

    @QueryParam("type")
    String type;

    @QueryParam("errorClass")
    String errorClass;

    @QueryParam("reason")
    String reason;

    @QueryParam("limit")
    String limit;

    @QueryParam("before")
    String before;

    /** The query for these parameters in {@code partition}/{@code queue} (either may be null). */
    BuriedQuery query(String partition, String queue) {
        return BuriedQuery.builder().partition(partition).queue(queue).jobId(jobId).type(type).errorClass(errorClass)
                .reasonContains(reason).before(before)
                .limit(limit == null ? 50 : Params.nonNegative("limit", limit)).build();
    }

    /** Whether a filter on the jobs themselves is given (not only a place). */
    boolean filters() {
        return present(jobId) || present(type) || present(errorClass) || present(reason);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
