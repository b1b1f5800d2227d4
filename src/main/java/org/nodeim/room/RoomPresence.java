package org.nodeim.room;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.nodeim.json.JsonFactory;
import org.nodeim.session.SessionRegistry;
import org.nodeim.session.SignedIn;

/**
 * Coming online re-enters a user's rooms: online members get {@code room.join} with
 * {@code newbie: false}. The rooms are those of the signin answer, their members those kept in
 * memory: a signin reads no more for this.
 */
@ApplicationScoped
public class RoomPresence {

    @Inject
    RoomMembers members;

    @Inject
    SessionRegistry registry;

    void onSignedIn(@Observes @Priority(SignedIn.ROOMS) SignedIn signedIn) {
        if (!signedIn.firstConnection()) {
            return;
        }
        for (JsonObject room : signedIn.rooms().getValuesAs(JsonObject.class)) {
            var event = JsonFactory.objectBuilder()
                    .add("room", room)
                    .add("user", signedIn.document())
                    .add("newbie", false)
                    .build();
            long roomId = room.getJsonNumber("id").longValue();
            members.of(roomId).ifPresent(inRoom ->
                    inRoom.userIds().forEach(member -> registry.sendTo(member, RoomCommands.JOIN_EVENT, event)));
        }
    }
}
