package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
import java.util.List;
import java.util.Map;
import org.nodeim.account.AccountService;
import org.nodeim.command.Arguments;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.room.Room;
import org.nodeim.room.RoomMember;
import org.nodeim.room.RoomRole;
import org.nodeim.room.RoomService;

/**
 * Rooms through the REST admin API: list, create (with an owner), read with members and roles,
 * put a member in with a role, take one out, delete.
 */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RoomsApi {

    @EJB
    RoomService rooms;

    @Inject
    ConsoleActions actions;

    @EJB
    AccountService accounts;

    @Context
    HttpServletRequest request;

    /** Rooms by id, 50 a page, each with its member count. */
    @GET
    public String list(@QueryParam("page") @DefaultValue("1") int page) {
        RoomService.RoomPage result = rooms.rooms(page, ApiCall.PAGE_SIZE);
        return ApiCall.page(result.rooms().map(room -> JsonFactory.objectBuilder(room.toJson())
                .add("members", result.memberCounts().getOrDefault(room.id(), 0L)).build()), "rooms");
    }

    /** Creates a room: {@code {name, owner (a user id), intro?, topic?, private?}}; 201 with the room. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String text, @Context UriInfo uri) {
        JsonObject body = ApiCall.body(text);
        long owner = Arguments.id(body, "owner").orElseThrow(() -> new Refused(Reason.MISSING, "owner (a user id) required"));
        Room room = actions.createRoom(ApiCall.caller(request), owner, Arguments.requiredText(body, "name"),
                Arguments.optionalText(body, "intro").orElse(""), Arguments.optionalText(body, "topic").orElse(""),
                Arguments.flag(body, "private"));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(room.id())).build())
                .entity(room.toJson().toString()).build();
    }

    /** A room with its members: {@code {...room, members: [{id, username, role, mutedUntil?}]}} (null: no end). */
    @GET
    @Path("{id}")
    public String read(@PathParam("id") long id) {
        Room room = rooms.room(id);
        List<RoomMember> members = rooms.membersOf(id);
        Map<Long, JsonObject> documents = accounts.documents(members.stream().map(RoomMember::userId).toList());
        var list = JsonFactory.arrayBuilder();
        long now = System.currentTimeMillis();
        for (RoomMember member : members) {
            var entry = JsonFactory.objectBuilder()
                    .add("id", member.userId())
                    .add("username", documents.get(member.userId()).getString("username", ""))
                    .add("role", member.role(room).wireName());
            member.mutedUntil(now).ifPresent(until -> {
                if (until == Long.MAX_VALUE) {
                    entry.addNull("mutedUntil");
                } else {
                    entry.add("mutedUntil", until);
                }
            });
            list.add(entry);
        }
        return JsonFactory.objectBuilder(room.toJson()).add("members", list).build().toString();
    }

    /**
     * Puts a user in the room (lifting a ban, whatever its openness) and, with {@code {role}},
     * gives them a role: {@code admin}, {@code member}, or {@code owner} (the room is handed over).
     */
    @PUT
    @Path("{id}/members/{user}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putMember(@PathParam("id") long id, @PathParam("user") long user, String text) {
        JsonObject body = text == null || text.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : ApiCall.body(text);
        Administrator caller = ApiCall.caller(request);
        actions.addToRoom(caller, id, user);
        Arguments.optionalText(body, "role").ifPresent(name -> {
            RoomRole role = RoomRole.named(name).orElseThrow(() -> new Refused(Reason.INVALID, "role owner, admin or member expected"));
            if (rooms.room(id).isOwner(user)) {
                if (role != RoomRole.OWNER) {
                    throw new Refused(Reason.FORBIDDEN, "the owner's role changes by handing the room to another member");
                }
                return;
            }
            actions.setRoomRole(caller, id, user, role);
        });
        return Response.noContent().build();
    }

    /** Takes a member out of the room (they hear {@code room.kick}). */
    @DELETE
    @Path("{id}/members/{user}")
    public Response removeMember(@PathParam("id") long id, @PathParam("user") long user) {
        actions.moderateRoom(ApiCall.caller(request), "room.kick", id, user);
        return Response.noContent().build();
    }

    /** Deletes the room with its messages; its members get a system message. */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        actions.deleteRoom(ApiCall.caller(request), id);
        return Response.noContent().build();
    }
}
