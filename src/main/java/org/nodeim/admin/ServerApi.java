package org.nodeim.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.nodeim.command.Arguments;
import org.nodeim.json.JsonFactory;

/** The dashboard's figures and the broadcast, through the REST admin API. */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServerApi {

    @Inject
    ServerFigures figures;

    @Inject
    ConsoleActions actions;

    @Context
    HttpServletRequest request;

    /** {@code {users, onlineUsers, connections, nodes, rooms, messagesToday}}. */
    @GET
    @Path("figures")
    public String figures() {
        return JsonFactory.objectBuilder()
                .add("users", figures.users())
                .add("onlineUsers", figures.onlineUsers())
                .add("connections", figures.connections())
                .add("nodes", figures.nodes())
                .add("rooms", figures.rooms())
                .add("messagesToday", figures.messagesToday())
                .build().toString();
    }

    /**
     * A {@code system} message, {@code {html, everyone?}}: to every online user, or with
     * {@code everyone: true} to every user. Answers {@code {sent}}, the number of users.
     */
    @POST
    @Path("broadcast")
    @Consumes(MediaType.APPLICATION_JSON)
    public String broadcast(String text) {
        JsonObject body = ApiCall.body(text);
        int sent = actions.broadcast(ApiCall.caller(request), Arguments.requiredText(body, "html"), Arguments.flag(body, "everyone"));
        return JsonFactory.objectBuilder().add("sent", sent).build().toString();
    }
}
