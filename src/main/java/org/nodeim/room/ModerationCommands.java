package org.nodeim.room;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.nodeim.command.Arguments;
import org.nodeim.command.Command;
import org.nodeim.command.CommandHandler;
import org.nodeim.command.Reply;
import org.nodeim.account.UserDirectory;
import org.nodeim.json.JsonFactory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * The commands of a room's owner and admins: room.invite, room.kick, room.ban, room.unban,
 * room.mute, room.unmute, room.role, room.update, room.bans; and room.invitations, a user's
 * invitations. Each change is an event of the same name ({@link RoomAnnouncements}) to the
 * room's members and the user acted on (an invitation: the members and the invited user).
 */
@ApplicationScoped
public class ModerationCommands {

    @EJB
    RoomModeration moderation;

    @EJB
    RoomService rooms;

    @Inject
    UserDirectory users;

    @Inject
    RoomAnnouncements announcements;

    @Produces
    @Command("room.invite")
    CommandHandler invite() {
        return (caller, data) -> {
            long actor = caller.userId().orElseThrow();
            long user = userId(data);
            return told("room.invite", moderation.invite(actor, roomId(data), user), actor, user);
        };
    }

    @Produces
    @Command("room.kick")
    CommandHandler kick() {
        return (caller, data) -> {
            long actor = caller.userId().orElseThrow();
            long user = userId(data);
            return told("room.kick", moderation.kick(actor, roomId(data), user), actor, user);
        };
    }

    @Produces
    @Command("room.ban")
    CommandHandler ban() {
        return (caller, data) -> {
            long actor = caller.userId().orElseThrow();
            long user = userId(data);
            return told("room.ban", moderation.ban(actor, roomId(data), user, seconds(data)), actor, user);
        };
    }

    @Produces
    @Command("room.unban")
    CommandHandler unban() {
        return (caller, data) -> {
            long actor = caller.userId().orElseThrow();
            long user = userId(data);
            return told("room.unban", moderation.unban(actor, roomId(data), user), actor, user);
        };
    }

    @Produces
    @Command("room.mute")
    CommandHandler mute() {
        return (caller, data) -> {
            long actor = caller.userId().orElseThrow();
            long user = userId(data);
            return told("room.mute", moderation.mute(actor, roomId(data), user, seconds(data)), actor, user);
        };
    }

    @Produces
    @Command("room.unmute")
    CommandHandler unmute() {
        return (caller, data) -> {
            long actor = caller.userId().orElseThrow();
            long user = userId(data);
            return told("room.unmute", moderation.unmute(actor, roomId(data), user), actor, user);
        };
    }

    /** {@code room.role {id, user, role}}: {@code admin} or {@code member}, or {@code owner} to hand the room over. */
    @Produces
    @Command("room.role")
    CommandHandler role() {
        return (caller, data) -> {
            long actor = caller.userId().orElseThrow();
            long user = userId(data);
            String name = Arguments.requiredText(data, "role");
            RoomRole role = RoomRole.named(name)
                    .orElseThrow(() -> new Refused(Reason.INVALID, "role owner, admin or member expected"));
            RoomModeration.Acted acted = moderation.setRole(actor, roomId(data), user, role);
            return Reply.ok().andThen(() -> announcements.announceRoles(acted, actor, user, role));
        };
    }

    /** {@code room.update {id, name?, intro?, topic?, private?}}: answers the room as it is now. */
    @Produces
    @Command("room.update")
    CommandHandler update() {
        return (caller, data) -> {
            long actor = caller.userId().orElseThrow();
            var settings = new RoomModeration.Settings(Arguments.optionalText(data, "name"),
                    Arguments.optionalText(data, "intro"), Arguments.optionalText(data, "topic"),
                    Arguments.has(data, "private") ? Optional.of(Arguments.flag(data, "private")) : Optional.empty());
            RoomModeration.Acted acted = moderation.update(actor, roomId(data), settings);
            JsonObject room = acted.room().toJson();
            JsonObject event = JsonFactory.objectBuilder().add("room", room).add("by", users.document(actor)).build();
            return Reply.ok().with("room", room).andThen(() -> announcements.send("room.update", acted, actor, event));
        };
    }

    /** {@code room.bans {id}}: {@code bans: [{user, by, time, until?}]}, for the owner and admins. */
    @Produces
    @Command("room.bans")
    CommandHandler bans() {
        return (caller, data) -> {
            var list = JsonFactory.arrayBuilder();
            for (RoomBan ban : moderation.bans(caller.userId().orElseThrow(), roomId(data))) {
                var entry = JsonFactory.objectBuilder()
                        .add("user", users.document(ban.userId()))
                        .add("by", ban.byId())
                        .add("time", ban.createdAt());
                ban.until().ifPresent(until -> entry.add("until", until));
                list.add(entry);
            }
            return Reply.ok().with("bans", list.build());
        };
    }

    /** {@code room.invitations}: {@code invitations: [{room, by, time}]}, the caller's, newest first. */
    @Produces
    @Command("room.invitations")
    CommandHandler invitations() {
        return (caller, data) -> {
            var list = JsonFactory.arrayBuilder();
            for (RoomInvitation invitation : moderation.invitationsOf(caller.userId().orElseThrow())) {
                rooms.find(invitation.roomId()).ifPresent(room -> list.add(JsonFactory.objectBuilder()
                        .add("room", room.toJson())
                        .add("by", users.document(invitation.byId()))
                        .add("time", invitation.createdAt())));
            }
            return Reply.ok().with("invitations", list.build());
        };
    }

    /** Answers 200, then tells the room's members (of before) and the target. */
    private Reply told(String name, RoomModeration.Acted acted, long actor, long user) {
        return Reply.ok().andThen(() -> announcements.announce(name, acted, actor, user));
    }

    private static long roomId(JsonObject data) {
        return Arguments.id(data, "id").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown room"));
    }

    private static long userId(JsonObject data) {
        if (!Arguments.has(data, "user")) {
            throw new Refused(Reason.MISSING, "user (an id) required");
        }
        return Arguments.id(data, "user").orElseThrow(() -> new Refused(Reason.NOT_FOUND, "unknown user"));
    }

    /** The optional {@code seconds} of a ban or mute: null for no end. */
    private static Long seconds(JsonObject data) {
        if (!Arguments.has(data, "seconds")) {
            return null;
        }
        return Arguments.id(data, "seconds").orElseThrow(() -> new Refused(Reason.INVALID, "seconds: a positive integer expected"));
    }
}
