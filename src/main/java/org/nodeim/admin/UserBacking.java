package org.nodeim.admin;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nodeim.account.AccountService;
import org.nodeim.account.Device;
import org.nodeim.account.DeviceService;
import org.nodeim.account.User;
import org.nodeim.contact.ContactService;
import org.nodeim.refusal.Refused;
import org.nodeim.room.Room;
import org.nodeim.room.RoomService;
import org.nodeim.session.Connection;
import org.nodeim.session.SessionRegistry;
import org.nodeim.upload.StoredFile;
import org.nodeim.upload.UploadPaths;
import org.nodeim.upload.UploadService;

/**
 * A user's page: profile, rooms, friends, connections, devices, files; disable, enable, new
 * password, kick, revoke devices, delete files, delete.
 */
@Named("user")
@ViewScoped
public class UserBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AccountService accounts;

    @EJB
    DeviceService devices;

    @EJB
    RoomService rooms;

    @EJB
    ContactService contacts;

    @Inject
    SessionRegistry registry;

    @Inject
    ConsoleActions actions;

    @Inject
    CurrentAdministrator administrator;

    /** The most files listed, the newest. */
    private static final int FILES_SHOWN = 200;

    @EJB
    UploadService uploads;

    @Inject
    UploadPaths paths;

    private Long id;
    private transient Optional<User> user;
    private String newPassword;
    private boolean confirmingDelete;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
        this.user = null;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public boolean isConfirmingDelete() {
        return confirmingDelete;
    }

    public boolean isFound() {
        return user().isPresent();
    }

    private Optional<User> user() {
        if (user == null) {
            user = id == null ? Optional.empty() : accounts.find(id);
        }
        return user;
    }

    public String getUsername() {
        return user().map(User::username).orElse("");
    }

    public String getCreated() {
        return user().map(u -> ConsoleViews.time(u.createdAt())).orElse("");
    }

    public boolean isDisabled() {
        return user().map(User::isDisabled).orElse(false);
    }

    /** The user document, indented. */
    public String getDocument() {
        JsonObject document = user().map(User::document).orElse(JsonObject.EMPTY_JSON_OBJECT);
        var out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.writeObject(document);
        }
        return out.toString().strip();
    }

    public List<Room> getRooms() {
        return id == null ? List.of() : rooms.roomsOf(id);
    }

    public int getFriendCount() {
        return id == null ? 0 : contacts.friendIds(id).size();
    }

    public List<Connection> getConnections() {
        return id == null ? List.of() : List.copyOf(registry.connectionsOf(id));
    }

    /** The devices that can sign in with a resume token, the most recently used first. */
    public List<Device> getDevices() {
        return id == null ? List.of() : devices.devicesOf(id);
    }

    /** The user's stored files, the newest first. */
    public List<StoredFile> getFiles() {
        return id == null ? List.of() : uploads.filesOf(id, FILES_SHOWN);
    }

    public String fileUrl(StoredFile file) {
        return paths.file(file.id());
    }

    public String deleteFile(String fileId) {
        return act(() -> actions.deleteFile(administrator.get(), id, fileId), "File deleted.");
    }

    public String revokeDevice(long deviceId) {
        return act(() -> actions.revokeDevice(administrator.get(), id, deviceId), "Device signed out: its token no longer signs in.");
    }

    public String revokeDevices() {
        return act(() -> actions.revokeDevices(administrator.get(), id), "Every device signed out: no token of this user signs in.");
    }

    public String disable() {
        return act(() -> actions.disable(administrator.get(), id), "Account disabled; its connections were closed.");
    }

    public String enable() {
        return act(() -> actions.enable(administrator.get(), id), "Account enabled.");
    }

    public String changePassword() {
        return act(() -> actions.setPassword(administrator.get(), id, newPassword), "Password changed.");
    }

    public String kickAll() {
        return act(() -> actions.kickAll(administrator.get(), id), "Connections closed.");
    }

    /** First step of deleting: asks for a confirmation. */
    public void askDelete() {
        confirmingDelete = true;
    }

    public void cancelDelete() {
        confirmingDelete = false;
    }

    public String delete() {
        String name = getUsername();
        try {
            actions.delete(administrator.get(), id);
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
            return null;
        }
        ConsoleViews.info("User " + name + " and their data deleted.");
        return ConsoleViews.redirect("users");
    }

    private String act(Runnable action, String done) {
        try {
            action.run();
            ConsoleViews.info(done);
        } catch (Refused failure) {
            ConsoleViews.error(failure.getMessage());
        }
        return ConsoleViews.redirect("user?id=" + id);
    }
}
