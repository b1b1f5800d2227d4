package org.nodeim.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nodeim.json.JsonFactory;
import org.nodeim.session.Relayed;
import org.nodeim.session.SessionRegistry;

/**
 * Users' presence strings as others see them: {@code online} when a user comes online,
 * whatever they set while online, {@code offline} once their last connection is gone. In a
 * cluster every node keeps every online user's string: each change is told to the others.
 */
@ApplicationScoped
public class Presences {

    @Inject
    SessionRegistry registry;

    @Inject
    Event<PresenceChanged> presenceChanged;

    @Inject
    @ConfigProperty(name = "nodeim.presence.online", defaultValue = "online")
    String online;

    @Inject
    @ConfigProperty(name = "nodeim.presence.offline", defaultValue = "offline")
    String offline;

    private static final String SET = "presence.set";

    private final Map<Long, String> presences = new ConcurrentHashMap<>();

    /** A user's presence as others see it. */
    public String presenceOf(long user) {
        return registry.isOnline(user) ? presences.getOrDefault(user, online) : offline;
    }

    /** The presence of anyone offline. */
    public String offline() {
        return offline;
    }

    /** Sets the presence an online user chose, and fires {@link PresenceChanged}. */
    public void change(long user, String presence) {
        set(user, presence);
        presenceChanged.fire(new PresenceChanged(user, presence));
    }

    /** A user came online: their presence is {@code online} again; returns it. */
    public String cameOnline(long user) {
        set(user, online);
        return online;
    }

    /** A user went offline: what they set is forgotten; returns the {@code offline} presence. */
    public String wentOffline(long user) {
        presences.remove(user);
        registry.relayToAll(SET, JsonFactory.objectBuilder().add("user", user).build());
        return offline;
    }

    private void set(long user, String presence) {
        presences.put(user, presence);
        registry.relayToAll(SET, JsonFactory.objectBuilder().add("user", user).add("presence", presence).build());
    }

    /** Another node's user changed presence, or went offline. */
    void onOtherNode(@Observes Relayed relayed) {
        if (relayed.is(SET)) {
            long user = relayed.body().getJsonNumber("user").longValue();
            String presence = relayed.body().getString("presence", null);
            if (presence == null) {
                presences.remove(user);
            } else {
                presences.put(user, presence);
            }
        }
    }
}
