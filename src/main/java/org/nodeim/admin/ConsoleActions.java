package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nodeim.account.AccountService;
import org.nodeim.account.DeviceService;
import org.nodeim.account.User;
import org.nodeim.chat.ChatService;
import org.nodeim.chat.Message;
import org.nodeim.chat.MessageDelivery;
import org.nodeim.database.DatabaseBackup;
import org.nodeim.refusal.Reason;
import org.nodeim.refusal.Refused;
import org.nodeim.room.Room;
import org.nodeim.room.RoomAnnouncements;
import org.nodeim.room.RoomModeration;
import org.nodeim.room.RoomRole;
import org.nodeim.room.RoomService;
import org.nodeim.session.Connection;
import org.nodeim.session.SessionRegistry;
import org.nodeim.upload.StoredFile;
import org.nodeim.upload.UploadService;

/**
 * What an administrator can do, each through the services the socket commands use: the
 * service commits, then connections are told (disconnects, {@code system} messages), then the
 * action goes to the audit log. Failures are {@link org.nodeim.refusal.Refused}s with a
 * message fit for the page.
 */
@ApplicationScoped
public class ConsoleActions {

    private static final Logger LOG = Logger.getLogger(ConsoleActions.class.getName());

    static final String DISABLED_REASON = "account disabled by an administrator";
    static final String DELETED_REASON = "account deleted by an administrator";
    static final String KICKED_REASON = "disconnected by an administrator";

    @EJB
    AccountService accounts;

    @EJB
    DeviceService devices;

    @EJB
    ChatService chat;

    @Inject
    MessageDelivery delivery;

    @Inject
    SessionRegistry registry;

    @EJB
    AuditLog audit;

    @EJB
    UploadService uploads;

    @EJB
    DatabaseBackup backups;

    @EJB
    RoomModeration moderation;

    @EJB
    RoomService rooms;

    @Inject
    RoomAnnouncements announcements;

    /** Backs the embedded database up while the server runs; the directory written. */
    public Path backUpDatabase(Administrator by) {
        if (!backups.isAvailable()) {
            throw new Refused(Reason.FORBIDDEN, "The database is not embedded Derby: back it up with its own tools (pg_dump).");
        }
        try {
            Path written = backups.backUp();
            audit.record(by, "database.backup", written.toString());
            return written;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "the database backup failed", e);
            throw new Refused(Reason.BUSY, "The backup failed (SQL state " + e.getSQLState() + "); see the server log.");
        }
    }

    /** Disables a user's account and disconnects every connection of theirs. */
    public void disable(Administrator by, long userId) {
        User user = accounts.disable(userId);
        registry.disconnectEverywhere(userId, DISABLED_REASON);
        audit.record(by, "user.disable", describe(user.id(), user.username()));
    }

    public void enable(Administrator by, long userId) {
        User user = accounts.enable(userId);
        audit.record(by, "user.enable", describe(user.id(), user.username()));
    }

    public void setPassword(Administrator by, long userId, String newPassword) {
        User user = accounts.setPassword(userId, newPassword);
        audit.record(by, "user.password", describe(user.id(), user.username()));
    }

    /** Revokes the resume token of one of the user's devices. */
    public void revokeDevice(Administrator by, long userId, long deviceId) {
        if (!devices.revoke(userId, deviceId)) {
            throw new Refused(Reason.NOT_FOUND, "no such device");
        }
        audit.record(by, "user.device.revoke", "user #" + userId + ", device #" + deviceId);
    }

    /** Deletes a stored file of the user: its record now, its bytes once that is committed. */
    public void deleteFile(Administrator by, long userId, String fileId) {
        StoredFile file = uploads.delete(userId, fileId).orElseThrow(() -> new Refused(Reason.NOT_FOUND, "no such file"));
        audit.record(by, "user.file.delete", "user #" + userId + ", file " + file.id() + " (" + file.size() + " bytes)");
    }

    /** Revokes every resume token of the user. */
    public int revokeDevices(Administrator by, long userId) {
        int count = devices.revokeAll(userId);
        audit.record(by, "user.device.revoke-all", "user #" + userId + ", " + count + " device(s)");
        return count;
    }

    /** Deletes a user with their data (see {@link AccountService#delete}) and disconnects them. */
    public void delete(Administrator by, long userId) {
        JsonObject document = accounts.delete(userId);
        registry.disconnectEverywhere(userId, DELETED_REASON);
        audit.record(by, "user.delete", describe(userId, document.getString("username", "")));
    }

    /** Disconnects one connection; false if it is already gone. */
    public boolean kick(Administrator by, String connectionId) {
        Optional<Connection> connection = registry.find(connectionId);
        if (connection.isEmpty()) {
            return false;
        }
        Connection kicked = connection.get();
        String user = kicked.userId().isPresent() ? " of user #" + kicked.userId().getAsLong() : "";
        kicked.disconnect(KICKED_REASON);
        audit.record(by, "session.kick", "connection " + kicked.id() + user + " from " + kicked.remoteAddress());
        return true;
    }

    /** Disconnects every connection of a user; how many there were. */
    public int kickAll(Administrator by, long userId) {
        int count = registry.disconnectEverywhere(userId, KICKED_REASON);
        audit.record(by, "session.kick-all", "user #" + userId + ", " + count + " connection(s)");
        return count;
    }

    /** Deletes a room; its former members get a {@code system} message. */
    public ChatService.RoomDeleted deleteRoom(Administrator by, long roomId) {
        ChatService.RoomDeleted deleted = chat.deleteRoom(roomId);
        deleted.notices().forEach(delivery::deliverDirect);
        audit.record(by, "room.delete", "room #" + roomId + " " + deleted.room().name() + ", "
                + deleted.members().size() + " member(s)");
        return deleted;
    }

    /** Creates a user (the admin API): as a signup, with these profile fields; the new id. */
    public long createUser(Administrator by, String username, String password, JsonObject fields) {
        long id = accounts.signup(username, password, fields);
        audit.record(by, "user.create", describe(id, username));
        return id;
    }

    /** Creates a room owned by that user (the admin API). */
    public Room createRoom(Administrator by, long owner, String name, String intro, String topic, boolean inviteOnly) {
        if (accounts.find(owner).isEmpty()) {
            throw new Refused(Reason.NOT_FOUND, "no such user to own the room");
        }
        Room room = rooms.create(owner, name, intro, topic, inviteOnly);
        audit.record(by, "room.create", "room #" + room.id() + " " + room.name() + ", owner user #" + owner);
        return room;
    }

    /** Puts a user in a room, whatever its openness or a ban (lifted); the members hear it. */
    public void addToRoom(Administrator by, long roomId, long userId) {
        if (accounts.find(userId).isEmpty()) {
            throw new Refused(Reason.NOT_FOUND, "no such user");
        }
        RoomService.Joined joined = rooms.admit(userId, roomId);
        if (joined.newbie()) {
            announcements.announceJoin(joined, userId, rooms.memberIds(roomId));
            audit.record(by, "room.add", "room #" + roomId + " " + joined.room().name() + ", user #" + userId);
        }
    }

    /**
     * Gives a room member a role (admin, member, or owner: the room is handed over), as the
     * server; the room hears it as from {@code system}.
     */
    public void setRoomRole(Administrator by, long roomId, long userId, RoomRole role) {
        RoomModeration.Acted acted = moderation.setRole(AccountService.SYSTEM_ID, roomId, userId, role);
        announcements.announceRoles(acted, AccountService.SYSTEM_ID, userId, role);
        audit.record(by, "room.role", roomTarget(acted, userId) + ": " + role.wireName());
    }

    /** Removes a member from a room ({@code room.kick}), lifts a mute or a ban. */
    public void moderateRoom(Administrator by, String action, long roomId, long userId) {
        long server = AccountService.SYSTEM_ID;
        RoomModeration.Acted acted = switch (action) {
            case "room.kick" -> moderation.kick(server, roomId, userId);
            case "room.unmute" -> moderation.unmute(server, roomId, userId);
            case "room.unban" -> moderation.unban(server, roomId, userId);
            default -> throw new IllegalArgumentException(action);
        };
        announcements.announce(action, acted, server, userId);
        audit.record(by, action, roomTarget(acted, userId));
    }

    private static String roomTarget(RoomModeration.Acted acted, long userId) {
        return "room #" + acted.room().id() + " " + acted.room().name() + ", user #" + userId;
    }

    /**
     * Sends a {@code system} message from the server to every online user, or to every user
     * (offline ones receive it at their next signin).
     *
     * @return how many users it was sent to
     */
    public int broadcast(Administrator by, String html, boolean everyone) {
        Collection<Long> recipients = everyone ? accounts.allIds() : List.copyOf(registry.onlineUsers());
        List<Message> messages = chat.notifyFromSystem(recipients, html);
        messages.forEach(delivery::deliverDirect);
        audit.record(by, everyone ? "broadcast.all" : "broadcast.online", recipients.size() + " user(s): "
                + html);
        return recipients.size();
    }

    private static String describe(long id, String username) {
        return "user #" + id + " " + username;
    }
}
