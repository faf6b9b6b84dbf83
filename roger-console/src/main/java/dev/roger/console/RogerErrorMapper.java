package dev.roger.console;

import dev.roger.api.DuplicateJobException;
import dev.roger.api.PartitionNotRunningException;
import dev.roger.api.RogerException;
import dev.roger.api.StateUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Roger's exceptions as HTTP statuses. A plain {@link RogerException} is a node or the broker that
 * did not do what was asked (not answering within the control timeout, a refused command): the
 * console is a gateway to them, hence 502.
 */
@Provider
public class RogerErrorMapper implements ExceptionMapper<RogerException> {

    @Override
    public Response toResponse(RogerException e) {
        return error(statusOf(e), e);
    }

    static int statusOf(RogerException e) {
        if (e instanceof PartitionNotRunningException) {
            return 404;
        }
        if (e instanceof DuplicateJobException) {
            return 409;
        }
        if (e instanceof StateUnavailableException) {
            return 503;
        }
        return 502;
    }

    static Response error(int status, Throwable e) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(e)).build();
    }
}
