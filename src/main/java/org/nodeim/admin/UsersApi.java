package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.nodeim.account.AccountService;
import org.nodeim.account.User;
import org.nodeim.command.Arguments;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.room.Room;
import org.nodeim.room.RoomService;

/** Users through the REST admin API: list, create, read, disable, enable, set a password, delete. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersApi {

    @EJB
    AccountService accounts;

    @EJB
    RoomService rooms;

    @Inject
    ConsoleActions actions;

    @Context
    HttpServletRequest request;

    /** Users whose username contains {@code q}, 50 a page. */
    @GET
    public String list(@QueryParam("q") @DefaultValue("") String text, @QueryParam("page") @DefaultValue("1") int page) {
        return ApiCall.page(accounts.search(text, page, ApiCall.PAGE_SIZE).map(UsersApi::summary), "users");
    }

    /** Creates a user: {@code {username, password, ...profile fields}}; 201 with {@code {id, username}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String text, @Context UriInfo uri) {
        JsonObject body = ApiCall.body(text);
        String username = Arguments.requiredText(body, "username");
        String password = Arguments.requiredText(body, "password");
        var fields = JsonFactory.objectBuilder(body).remove("username").remove("password").build();
        long id = actions.createUser(ApiCall.caller(request), username, password, fields);
        String created = JsonFactory.objectBuilder().add("id", id).add("username", username).build().toString();
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build()).entity(created).build();
    }

    /** A user: {@code {id, username, disabled, createdAt, document, rooms}}. */
    @GET
    @Path("{id}")
    public String read(@PathParam("id") long id) {
        User user = accounts.find(id).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "no such user"));
        var memberOf = JsonFactory.arrayBuilder();
        rooms.roomsOf(id).stream().map(Room::id).forEach(memberOf::add);
        return JsonFactory.objectBuilder(summary(user))
                .add("document", user.document())
                .add("rooms", memberOf)
                .build().toString();
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@PathParam("id") long id) {
        actions.disable(ApiCall.caller(request), id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@PathParam("id") long id) {
        actions.enable(ApiCall.caller(request), id);
        return Response.noContent().build();
    }

    /** Sets a new password, {@code {password}}: the user's resume tokens are revoked. */
    @PUT
    @Path("{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response password(@PathParam("id") long id, String text) {
        actions.setPassword(ApiCall.caller(request), id, Arguments.requiredText(ApiCall.body(text), "password"));
        return Response.noContent().build();
    }

    /** Deletes the user with their data, as the console does. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        actions.delete(ApiCall.caller(request), id);
        return Response.noContent().build();
    }

    private static JsonObject summary(User user) {
        return JsonFactory.objectBuilder()
                .add("id", user.id())
                .add("username", user.username())
                .add("disabled", user.isDisabled())
                .add("createdAt", user.createdAt().toEpochMilli())
                .build();
    }
}
