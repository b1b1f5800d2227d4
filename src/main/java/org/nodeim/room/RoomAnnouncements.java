package org.nodeim.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import org.nodeim.account.UserDirectory;
import org.nodeim.json.JsonFactory;
import org.nodeim.session.SessionRegistry;

/**
 * Tells a room what its owner, an admin or the console changed: an event named after the
 * action, {@code {room, user, by, until?, role?}}, to the online members of before the change
 * (so that a kicked or banned member hears it too) and to the user acted on.
 */
@ApplicationScoped
public class RoomAnnouncements {

    static final String ROLE_EVENT = "room.role";

    @Inject
    UserDirectory users;

    @Inject
    SessionRegistry registry;

    /** Sends the event; call once the change is committed. */
    public void announce(String name, RoomModeration.Acted acted, long actor, long user) {
        send(name, acted, user, event(acted, actor, user).build());
    }

    /**
     * Sends {@code room.role} with the user's new role; when the room was handed over, also
     * the former owner's, now an admin.
     */
    public void announceRoles(RoomModeration.Acted acted, long actor, long user, RoomRole role) {
        send(ROLE_EVENT, acted, user, event(acted, actor, user).add("role", role.wireName()).build());
        acted.formerOwner().ifPresent(former -> send(ROLE_EVENT, acted, former,
                event(acted, actor, former).add("role", RoomRole.ADMIN.wireName()).build()));
    }

    /** Tells a room's online members, the newcomer included, that a user joined it ({@code room.join}). */
    public void announceJoin(RoomService.Joined joined, long user, List<Long> members) {
        JsonObject event = JsonFactory.objectBuilder()
                .add("room", joined.room().toJson())
                .add("user", users.document(user))
                .add("newbie", true)
                .build();
        members.forEach(member -> registry.sendTo(member, RoomCommands.JOIN_EVENT, event));
    }

    JsonObjectBuilder event(RoomModeration.Acted acted, long actor, long user) {
        var event = JsonFactory.objectBuilder()
                .add("room", acted.room().toJson())
                .add("user", users.document(user))
                .add("by", users.document(actor));
        acted.until().ifPresent(until -> event.add("until", until));
        return event;
    }

    void send(String name, RoomModeration.Acted acted, long user, JsonObject event) {
        var to = new LinkedHashSet<>(acted.members());
        to.add(user);
        to.forEach(member -> registry.sendTo(member, name, event));
    }
}
