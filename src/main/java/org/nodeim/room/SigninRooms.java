package org.nodeim.room;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import org.nodeim.account.UserRooms;
import org.nodeim.json.JsonFactory;

/** The rooms of a user for the signin answer. */
@ApplicationScoped
public class SigninRooms implements UserRooms {

    @EJB
    RoomService rooms;

    @Override
    public JsonArray of(long userId) {
        var memberOf = JsonFactory.arrayBuilder();
        rooms.roomsOf(userId).forEach(room -> memberOf.add(room.toJson()));
        return memberOf.build();
    }
}
