package org.nodeim.room;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.nodeim.account.AccountService;
import org.nodeim.account.UserDirectory;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;

/**
 * What a room's owner and admins may do: invite, kick, ban, mute, give roles, hand the room
 * over, and change its name, introduction, topic and openness. One may act only on members of
 * a lower role, never on oneself. Every change is recorded as a {@link RoomModerated}. The
 * console acts as the server ({@link AccountService#SYSTEM_ID}), above every role; its
 * actions are audited by the console, as its administrator's.
 */
@Stateless
public class RoomModeration {

    /** The longest ban or mute with an end: ten years. */
    static final long MAX_SECONDS = Duration.ofDays(3650).toSeconds();

    @PersistenceContext
    EntityManager em;

    @EJB
    RoomService rooms;

    @Inject
    UserDirectory users;

    @Inject
    Event<MembershipChanged> membershipChanged;

    @Inject
    Event<RoomModerated> moderated;

    /**
     * What an action did: the room, who its members were before (those to tell), and until
     * when (ms since the epoch) a ban or mute lasts, when it has an end.
     */
    public record Acted(Room room, List<Long> members, Optional<Long> until, Optional<Long> formerOwner) {

        Acted(Room room, List<Long> members, Optional<Long> until) {
            this(room, members, until, Optional.empty());
        }
    }

    /** New values for a room's settings; what is absent stays as it was. */
    public record Settings(Optional<String> name, Optional<String> intro, Optional<String> topic,
            Optional<Boolean> inviteOnly) {
    }

    /** @throws Refused 404 unknown room or user; 403 not a moderator; 306 already a member or invited; 403 banned */
    public Acted invite(long actor, long roomId, long user) {
        Room room = moderatedBy(actor, roomId);
        knownUser(user);
        if (rooms.membership(roomId, user).isPresent()) {
            throw new Refused(Reason.REPEATED, "already a member of this room");
        }
        long now = System.currentTimeMillis();
        if (RoomService.one(em, RoomBan.ONE, RoomBan.class, roomId, user).filter(ban -> ban.inForce(now)).isPresent()) {
            throw new Refused(Reason.FORBIDDEN, "banned from this room: unban first");
        }
        if (RoomService.one(em, RoomInvitation.ONE, RoomInvitation.class, roomId, user).isPresent()) {
            throw new Refused(Reason.REPEATED, "invited already");
        }
        em.persist(new RoomInvitation(roomId, user, actor, now));
        return acted(room, actor, "room.invite", user, Optional.empty());
    }

    /** @throws Refused 404 unknown room or not a member; 403 not allowed */
    public Acted kick(long actor, long roomId, long user) {
        Room room = moderatedBy(actor, roomId);
        RoomMember member = memberBelow(room, actor, user);
        List<Long> before = rooms.memberIds(roomId);
        em.remove(member);
        membershipChanged.fire(new MembershipChanged(roomId));
        return record(new Acted(room, before, Optional.empty()), actor, "room.kick", user);
    }

    /**
     * Bans a user, a member or not, for that many seconds or (null) without end; a member is
     * removed from the room, an invitation withdrawn.
     *
     * @throws Refused 404 unknown room or user; 403 not allowed; 400 a wrong duration
     */
    public Acted ban(long actor, long roomId, long user, Long seconds) {
        Room room = moderatedBy(actor, roomId);
        knownUser(user);
        Optional<RoomMember> member = rooms.membership(roomId, user);
        RoomRole role = member.map(m -> m.role(room)).orElse(room.isOwner(user) ? RoomRole.OWNER : RoomRole.MEMBER);
        mayActOn(room, actor, user, role);
        long now = System.currentTimeMillis();
        Optional<Long> until = end(now, seconds);
        List<Long> before = rooms.memberIds(roomId);
        RoomService.one(em, RoomBan.ONE, RoomBan.class, roomId, user).ifPresentOrElse(
                ban -> ban.renew(actor, now, until.orElse(null)),
                () -> em.persist(new RoomBan(roomId, user, actor, now, until.orElse(null))));
        RoomService.one(em, RoomInvitation.ONE, RoomInvitation.class, roomId, user).ifPresent(em::remove);
        member.ifPresent(em::remove);
        membershipChanged.fire(new MembershipChanged(roomId));
        return record(new Acted(room, before, until), actor, "room.ban", user);
    }

    /** @throws Refused 404 unknown room, or the user is not banned; 403 not a moderator */
    public Acted unban(long actor, long roomId, long user) {
        Room room = moderatedBy(actor, roomId);
        long now = System.currentTimeMillis();
        RoomBan ban = RoomService.one(em, RoomBan.ONE, RoomBan.class, roomId, user).filter(b -> b.inForce(now))
                .orElseThrow(() -> new Refused(Reason.NOT_FOUND, "not banned from this room"));
        em.remove(ban);
        return acted(room, actor, "room.unban", user, Optional.empty());
    }

    /** Mutes a member for that many seconds or (null) without end. */
    public Acted mute(long actor, long roomId, long user, Long seconds) {
        Room room = moderatedBy(actor, roomId);
        RoomMember member = memberBelow(room, actor, user);
        Optional<Long> until = end(System.currentTimeMillis(), seconds);
        member.muteUntil(until.orElse(Long.MAX_VALUE));
        membershipChanged.fire(new MembershipChanged(roomId));
        return acted(room, actor, "room.mute", user, until);
    }

    public Acted unmute(long actor, long roomId, long user) {
        Room room = moderatedBy(actor, roomId);
        RoomMember member = memberBelow(room, actor, user);
        member.muteUntil(null);
        membershipChanged.fire(new MembershipChanged(roomId));
        return acted(room, actor, "room.unmute", user, Optional.empty());
    }

    /**
     * The owner makes a member an admin or a member again, or (role owner) hands the room
     * over to a member, staying an admin of it.
     *
     * @throws Refused 403 not the owner, or on oneself; 404 not a member
     */
    public Acted setRole(long actor, long roomId, long user, RoomRole role) {
        Room room = rooms.room(roomId);
        if (!room.isOwner(actor) && !isServer(actor)) {
            throw new Refused(Reason.FORBIDDEN, "only the room's owner gives roles");
        }
        if (actor == user || room.isOwner(user)) {
            throw new Refused(Reason.FORBIDDEN, "not on the owner");
        }
        RoomMember member = rooms.membership(roomId, user)
                .orElseThrow(() -> new Refused(Reason.NOT_FOUND, "not a member of this room"));
        member.setRole(role);
        Optional<Long> formerOwner = Optional.empty();
        if (role == RoomRole.OWNER) {
            formerOwner = room.ownerId().filter(owner -> rooms.membership(roomId, owner).map(former -> {
                former.setRole(RoomRole.ADMIN);
                return true;
            }).orElse(false));
            room.handOver(user);
        }
        membershipChanged.fire(new MembershipChanged(roomId));
        var acted = new Acted(room, rooms.memberIds(roomId), Optional.empty(), formerOwner);
        return record(acted, actor, "room.role", user, role.wireName());
    }

    /** @throws Refused 403 not a moderator; 400 a value too long or a blank name */
    public Acted update(long actor, long roomId, Settings settings) {
        Room room = moderatedBy(actor, roomId);
        settings.name().ifPresent(name -> {
            if (name.isBlank() || name.length() > Room.MAX_NAME_LENGTH) {
                throw new Refused(Reason.INVALID, "a name of 1 to " + Room.MAX_NAME_LENGTH + " characters expected");
            }
            room.rename(name);
        });
        settings.intro().ifPresent(intro -> room.describe(limited(intro, Room.MAX_INTRO_LENGTH, "introduction")));
        settings.topic().ifPresent(topic -> room.setTopic(limited(topic, Room.MAX_TOPIC_LENGTH, "topic")));
        settings.inviteOnly().ifPresent(room::setInviteOnly);
        return acted(room, actor, "room.update", actor, Optional.empty(), room.toJson().toString());
    }

    /** The bans in force in a room, for its owner and admins. */
    public List<RoomBan> bans(long actor, long roomId) {
        moderatedBy(actor, roomId);
        long now = System.currentTimeMillis();
        return em.createNamedQuery(RoomBan.OF_ROOM, RoomBan.class).setParameter("room", roomId)
                .getResultStream().filter(ban -> ban.inForce(now)).toList();
    }

    /** The user's invitations not yet used, newest first. */
    public List<RoomInvitation> invitationsOf(long user) {
        return em.createNamedQuery(RoomInvitation.OF_USER, RoomInvitation.class).setParameter("user", user)
                .getResultList();
    }

    /** The user's role in a room, the owner's included; member for one who is not in it. */
    public RoomRole roleOf(long actor, Room room) {
        if (room.isOwner(actor) || isServer(actor)) {
            return RoomRole.OWNER;
        }
        return rooms.membership(room.id(), actor).map(member -> member.role(room)).orElse(RoomRole.MEMBER);
    }

    private Room moderatedBy(long actor, long roomId) {
        Room room = rooms.room(roomId);
        if (!roleOf(actor, room).moderates()) {
            throw new Refused(Reason.FORBIDDEN, "only the room's owner and admins may");
        }
        return room;
    }

    private RoomMember memberBelow(Room room, long actor, long user) {
        RoomMember member = rooms.membership(room.id(), user)
                .orElseThrow(() -> new Refused(Reason.NOT_FOUND, "not a member of this room"));
        mayActOn(room, actor, user, member.role(room));
        return member;
    }

    private void mayActOn(Room room, long actor, long user, RoomRole role) {
        if (actor == user) {
            throw new Refused(Reason.FORBIDDEN, "not on yourself");
        }
        if (!isServer(actor) && !roleOf(actor, room).outranks(role)) {
            throw new Refused(Reason.FORBIDDEN, "only on members of a lower role");
        }
    }

    private void knownUser(long user) {
        if (!users.exists(user)) {
            throw new Refused(Reason.NOT_FOUND, "unknown user");
        }
    }

    private static Optional<Long> end(long now, Long seconds) {
        if (seconds == null) {
            return Optional.empty();
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new Refused(Reason.INVALID, "seconds from 1 to " + MAX_SECONDS + " expected");
        }
        return Optional.of(now + seconds * 1000);
    }

    private static String limited(String text, int max, String what) {
        if (text.length() > max) {
            throw new Refused(Reason.INVALID, "a " + what + " of at most " + max + " characters expected");
        }
        return text;
    }

    private Acted acted(Room room, long actor, String action, long user, Optional<Long> until, String... detail) {
        var acted = new Acted(room, rooms.memberIds(room.id()), until);
        return record(acted, actor, action, user, detail);
    }

    /** Whether the console acts, as the server: above every role, and audited as its administrator. */
    private static boolean isServer(long actor) {
        return actor == AccountService.SYSTEM_ID;
    }

    private Acted record(Acted acted, long actor, String action, long user, String... detail) {
        if (isServer(actor)) {
            return acted;
        }
        moderated.fire(new RoomModerated(acted.room().id(), acted.room().name(), actor, action, user,
                acted.until(), detail.length == 0 ? "" : detail[0]));
        return acted;
    }
}
