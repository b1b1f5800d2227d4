package org.nodeim.admin;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.nodeim.account.AccountService;
import org.nodeim.refusal.Refused;
import org.nodeim.room.Room;
import org.nodeim.room.RoomService;
import org.nodeim.session.SessionRegistry;

/** Rooms with their member counts, a room's members ({@code ?room=ID}), deleting a room after a confirmation. */
@Named("rooms")
@ViewScoped
public class RoomsBacking extends PagedBacking {

    private static final long serialVersionUID = 1L;

    static final int PAGE_SIZE = 20;

    @Inject
    RoomService rooms;

    @Inject
    AccountService accounts;

    @Inject
    SessionRegistry registry;

    @Inject
    ConsoleActions actions;

    @Inject
    CurrentAdministrator administrator;

    private Long room;
    private boolean confirmingDelete;
    private transient RoomService.RoomPage result;

    /** One room of the list. */
    public record Row(long id, String name, long members, String created) {
    }

    /** One member of the selected room. */
    public record Member(long id, String username, boolean online) {
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
        if (room == null) {
            return "";
        }
        try {
            return rooms.room(room).name();
        } catch (Refused unknown) {
            return "";
        }
    }

    public List<Member> getMembers() {
        if (room == null) {
            return List.of();
        }
        List<Long> ids = rooms.memberIds(room);
        Map<Long, JsonObject> documents = accounts.documents(ids);
        return ids.stream().map(id -> new Member(id, documents.get(id)
                .getString("username", ""), registry.isOnline(id))).toList();
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
