package org.nodeim.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Refused;

/** A refusal of the domain as an HTTP answer of the REST admin API: {@code {code, message}}. */
@ApplicationScoped
@Provider
public class ApiErrors implements ExceptionMapper<Refused> {

    @Override
    public Response toResponse(Refused refused) {
        return response(status(refused), refused.getMessage()).build();
    }

    static Response.Status status(Refused refused) {
        return switch (refused.reason()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case FORBIDDEN, NOT_SIGNED_IN -> Response.Status.FORBIDDEN;
            case TAKEN, REPEATED, ALREADY_SIGNED_IN -> Response.Status.CONFLICT;
            case TOO_MANY -> Response.Status.TOO_MANY_REQUESTS;
            case BUSY, CLOSED -> Response.Status.SERVICE_UNAVAILABLE;
            case INVALID, MISSING, NO_QUESTION, WRONG_ANSWER -> Response.Status.BAD_REQUEST;
        };
    }

    static Response.ResponseBuilder response(Response.Status status, String message) {
        JsonObject body = JsonFactory.objectBuilder().add("code", status.getStatusCode()).add("message", message).build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.toString());
    }
}
