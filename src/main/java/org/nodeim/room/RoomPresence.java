package org.nodeim.room;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.nodeim.json.JsonFactory;
import org.nodeim.presence.SessionRegistry;
import org.nodeim.presence.SignedIn;

/** Coming online re-enters a user's rooms: online members get {@code room.join} with {@code newbie: false}. */
@ApplicationScoped
public class RoomPresence {

    @Inject
    RoomService rooms;

    @Inject
    SessionRegistry registry;

    void onSignedIn(@Observes @Priority(SignedIn.ROOMS) SignedIn signedIn) {
        if (!signedIn.firstConnection()) {
            return;
        }
        for (Room room : rooms.roomsOf(signedIn.userId())) {
            var event = JsonFactory.objectBuilder()
                    .add("room", room.toJson())
                    .add("user", signedIn.document())
                    .add("newbie", false)
                    .build();
            rooms.memberIds(room.id()).forEach(member -> registry.sendTo(member, RoomCommands.JOIN_EVENT, event));
        }
    }
}
