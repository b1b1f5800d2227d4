package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nodeim.account.AccountService;
import org.nodeim.refusal.Refused;
import org.nodeim.room.Room;
import org.nodeim.room.RoomBan;
import org.nodeim.room.RoomMember;
import org.nodeim.room.RoomModeration;
import org.nodeim.room.RoomRole;
import org.nodeim.room.RoomService;
import org.nodeim.session.SessionRegistry;

/**
 * Rooms with their member counts; a room ({@code ?room=ID}): its owner, members with their
 * roles and mutes, its bans, moderation (roles, handing over, removing, lifting a mute or a
 * ban) and deleting it after a confirmation.
 */
@Named("rooms")
@ViewScoped
public class RoomsBacking extends PagedBacking {

    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 20;

    @EJB
    RoomService rooms;

    @EJB
    AccountService accounts;

    @Inject
    SessionRegistry registry;

    @Inject
    ConsoleActions actions;

    @Inject
    CurrentAdministrator administrator;

    @EJB
    RoomModeration moderation;

    private Long room;
    private boolean confirmingDelete;
    private transient Optional<Room> selected;
    private transient RoomService.RoomPage result;

    /** One room of the list. */
    public record Row(long id, String name, long members, String created) {
    }

    /** One member of the selected room: their role, and until when they are muted ("" when not, "no end"). */
    public record Member(long id, String username, boolean online, String role, String mutedUntil) {

        public boolean isOwner() {
            return RoomRole.OWNER.wireName().equals(role);
        }

        public boolean isAdmin() {
            return RoomRole.ADMIN.wireName().equals(role);
        }
    }

    /** A ban in force in the selected room. */
    public record Ban(long id, String username, String since, String until) {
    }

    @Override
    public void setPage(int page) {
        super.setPage(page);
        this.result = null;
    }

    public Long getRoom() {
        return room;
    }

    public void setRoom(Long room) {
        this.room = room;
    }

    public boolean isConfirmingDelete() {
        return confirmingDelete;
    }

    private RoomService.RoomPage result() {
        if (result == null) {
            result = rooms.rooms(getPage(), PAGE_SIZE);
        }
        return result;
    }

    public List<Row> getRows() {
        var page = result();
        return page.rooms().items().stream().map(r -> new Row(r.id(), r.name(), page.memberCounts().getOrDefault(r.id(), 0L),
                ConsoleViews.time(r.createdAt()))).toList();
    }

    @Override
    public long getTotal() {
        return result().rooms().total();
    }

    @Override
    protected int pageSize() {
        return PAGE_SIZE;
    }

    /** The selected room's name; empty when none is selected or it does not exist. */
    public String getRoomName() {
        return getSelected().map(Room::name).orElse("");
    }

    /** The selected room, if it exists. */
    public Optional<Room> getSelected() {
        if (room == null) {
            return Optional.empty();
        }
        if (selected == null) {
            selected = rooms.find(room);
        }
        return selected;
    }

    /** The owner's username, the topic, and whether the room is by invitation only. */
    public String getSummary() {
        return getSelected().map(selectedRoom -> {
            String owner = selectedRoom.ownerId().map(id -> accounts.documents(List.of(id)).get(id)
                    .getString("username", "")).orElse("nobody");
            return "Owner: " + owner + " · " + (selectedRoom.inviteOnly() ? "by invitation only" : "open to anyone")
                    + (selectedRoom.topic().isEmpty() ? "" : " · Topic: " + selectedRoom.topic());
        }).orElse("");
    }

    public List<Member> getMembers() {
        Optional<Room> selectedRoom = getSelected();
        if (selectedRoom.isEmpty()) {
            return List.of();
        }
        List<RoomMember> members = rooms.membersOf(room);
        Map<Long, JsonObject> documents = accounts.documents(members.stream().map(RoomMember::userId).toList());
        long now = System.currentTimeMillis();
        return members.stream().map(member -> new Member(member.userId(),
                documents.get(member.userId()).getString("username", ""), registry.isOnline(member.userId()),
                member.role(selectedRoom.get()).wireName(), member.mutedUntil(now).map(RoomsBacking::until).orElse("")))
                .toList();
    }

    public List<Ban> getBans() {
        if (getSelected().isEmpty()) {
            return List.of();
        }
        List<RoomBan> bans = moderation.bans(AccountService.SYSTEM_ID, room);
        Map<Long, JsonObject> documents = accounts.documents(bans.stream().map(RoomBan::userId).toList());
        return bans.stream().map(ban -> new Ban(ban.userId(), documents.get(ban.userId()).getString("username", ""),
                ConsoleViews.time(Instant.ofEpochMilli(ban.createdAt())), ban.until().map(RoomsBacking::until).orElse("no end")))
                .toList();
    }

    private static String until(long millis) {
        return millis == Long.MAX_VALUE ? "no end" : ConsoleViews.time(Instant.ofEpochMilli(millis));
    }

    /** Makes a member an admin, a member, or the owner. */
    public String setRole(long user, String role) {
        try {
            actions.setRoomRole(administrator.get(), room, user, RoomRole.named(role).orElseThrow());
            ConsoleViews.info("Role changed to " + role + ".");
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
        }
        return backToRoom();
    }

    /** {@code room.kick}, {@code room.unmute} or {@code room.unban}. */
    public String moderate(long user, String action) {
        try {
            actions.moderateRoom(administrator.get(), action, room, user);
            ConsoleViews.info("Done: " + action.substring("room.".length()) + ".");
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
        }
        return backToRoom();
    }

    private String backToRoom() {
        return ConsoleViews.redirect("rooms?room=" + room + "&page=" + getPage());
    }

    public void askDelete() {
        confirmingDelete = true;
    }

    public void cancelDelete() {
        confirmingDelete = false;
    }

    public String delete() {
        try {
            Room deleted = actions.deleteRoom(administrator.get(), room).room();
            ConsoleViews.info("Room " + deleted.name() + " deleted; its members were told.");
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
        }
        return ConsoleViews.redirect("rooms");
    }
}
